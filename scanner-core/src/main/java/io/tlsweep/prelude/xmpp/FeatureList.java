package io.tlsweep.prelude.xmpp;

import io.tlsweep.prelude.ShortText;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects {@code <stream:features>} as its elements come: each child is a feature (its name kept, at most
 * {@value #MAX_ITEMS}); {@code <starttls>} and its {@code <required/>}, the SASL {@code <mechanisms>} and the
 * text of each {@code <mechanism>}, and XEP-0078's {@code <auth>} are read.
 */
final class FeatureList {
    static final int MAX_ITEMS = 32;
    static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String IQ_AUTH = "http://jabber.org/features/iq-auth";

    private final List<String> names = new ArrayList<>();
    private final List<String> mechanisms = new ArrayList<>();
    private boolean starttls;
    private boolean required;
    private boolean iqAuth;
    private String child = "";
    private StringBuilder mechanism;

    /** A feature: an element at depth 3, inside the features. */
    void child(XmlToken.Start s) {
        child = s.namespace() + " " + s.name();
        if (names.size() < MAX_ITEMS && !names.contains(s.name())) {
            names.add(s.name());
        }
        starttls |= s.namespace().equals(TLS) && s.name().equals("starttls");
        iqAuth |= s.namespace().equals(IQ_AUTH) && s.name().equals("auth");
    }

    /** An element inside a feature. */
    void grandchild(XmlToken.Start s) {
        if (child.equals(TLS + " starttls") && s.name().equals("required") && s.namespace().equals(TLS)) {
            required = true;
        }
        if (child.equals(SASL + " mechanisms") && s.name().equals("mechanism") && s.namespace().equals(SASL)
                && !s.empty()) {
            mechanism = new StringBuilder();
        }
    }

    void text(String text) {
        if (mechanism != null && mechanism.length() < ShortText.MAX_CHARS) {
            mechanism.append(text);
        }
    }

    /** The end of an element inside a feature: a mechanism's name is complete. */
    void endGrandchild() {
        if (mechanism != null) {
            String name = ShortText.of(mechanism.toString().strip());
            if (!name.isEmpty() && mechanisms.size() < MAX_ITEMS) {
                mechanisms.add(name);
            }
            mechanism = null;
        }
    }

    /** The end of a feature. */
    void endChild() {
        child = "";
    }

    boolean starttls() {
        return starttls;
    }

    XmppFacts.Features features() {
        return new XmppFacts.Features(starttls, required, mechanisms, iqAuth, names);
    }
}
