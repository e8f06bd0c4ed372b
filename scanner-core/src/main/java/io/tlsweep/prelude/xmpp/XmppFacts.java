package io.tlsweep.prelude.xmpp;

import io.tlsweep.result.PreludeFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an XMPP server said before TLS: its stream header's {@code from} and {@code version}, the stream
 * features once they came, and the stream error it ended the stream with, if it did. Text is as received, cut
 * short.
 */
public record XmppFacts(String protocol, Optional<String> streamFrom, Optional<String> streamVersion,
        Optional<Features> features, Optional<String> streamError, Optional<String> streamErrorText)
        implements PreludeFacts {

    /**
     * The stream features offered before TLS: STARTTLS (and whether it is required), the SASL mechanisms (PLAIN
     * offered here is a plain-text password before TLS), whether the legacy non-SASL authentication of XEP-0078
     * ({@code <auth xmlns='http://jabber.org/features/iq-auth'/>}) is offered, and every feature's element name
     * in order (at most 32 each).
     */
    public record Features(boolean starttls, boolean starttlsRequired, List<String> saslMechanisms, boolean iqAuth,
            List<String> names) {
        public Features {
            saslMechanisms = List.copyOf(saslMechanisms);
            names = List.copyOf(names);
        }
    }

    /**
     * {@code stream-from}, {@code stream-version} (when the header had them); once the features came
     * {@code starttls-offered}, {@code starttls-required}, {@code sasl-mechanisms} (a list, possibly empty),
     * {@code iq-auth-offered}, {@code features} (element names); {@code stream-error} (the condition) and
     * {@code stream-error-text} when the server ended the stream with an error.
     */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        streamFrom.ifPresent(f -> fields.put("stream-from", f));
        streamVersion.ifPresent(v -> fields.put("stream-version", v));
        features.ifPresent(f -> {
            fields.put("starttls-offered", f.starttls());
            fields.put("starttls-required", f.starttlsRequired());
            fields.put("sasl-mechanisms", f.saslMechanisms());
            fields.put("iq-auth-offered", f.iqAuth());
            fields.put("features", f.names());
        });
        streamError.ifPresent(e -> fields.put("stream-error", e));
        streamErrorText.ifPresent(t -> fields.put("stream-error-text", t));
        return fields;
    }

    @Override
    public Optional<String> withoutTls() {
        return features.filter(f -> !f.starttls()).map(f -> "STARTTLS not among the stream features");
    }

    /**
     * SASL PLAIN and XEP-0078's iq-auth (which takes a plain password) offered before TLS, unless STARTTLS is
     * required first.
     */
    @Override
    public List<String> plainTextAuthBeforeTls() {
        if (features.isEmpty() || features.get().starttlsRequired()) {
            return List.of();
        }
        Features f = features.get();
        List<String> ways = new ArrayList<>();
        f.saslMechanisms().stream().filter(m -> m.equals("PLAIN") || m.equals("LOGIN")).forEach(m -> ways.add(
                "SASL " + m));
        if (f.iqAuth()) {
            ways.add("iq-auth");
        }
        return ways;
    }
}
