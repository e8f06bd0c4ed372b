package io.tlsweep.profile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The services a client profile may be limited to ({@code "services": ["rdp"]} in a profile file): the names of the
 * protocols tlsweep speaks before TLS, as target lines and reports write them ({@code starttls=NAME}), and
 * {@value #DIRECT_TLS} for an endpoint where TLS starts on connect (https, ldaps, imaps...). Kept as text: the
 * profile package does not depend on the prelude codecs, whose registry is expected to use the same names.
 */
public final class ProfileServices {
    /** The name of "no prelude": TLS from the first byte. */
    public static final String DIRECT_TLS = "tls";

    /** Every name a profile may list. */
    public static final List<String> KNOWN = List.of(DIRECT_TLS, "smtp", "lmtp", "imap", "pop3", "ftp", "ldap", "xmpp",
            "xmpp-server", "nntp", "sieve", "postgres", "mysql", "rdp", "mssql",
            "mssql-strict");

    private ProfileServices() {
    }

    /** The known name {@code text} means, ignoring case and surrounding blanks. */
    public static Optional<String> named(String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        return KNOWN.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /**
     * The service of an endpoint: the name of the protocol it speaks before TLS, or {@value #DIRECT_TLS} for an
     * empty name (no prelude).
     */
    public static String ofEndpoint(String protocolOrEmpty) {
        return protocolOrEmpty.isBlank() ? DIRECT_TLS : protocolOrEmpty.strip().toLowerCase(Locale.ROOT);
    }
}
