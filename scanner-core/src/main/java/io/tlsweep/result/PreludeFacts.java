package io.tlsweep.result;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a prelude (what is said before TLS on a STARTTLS, RDP or TDS connection) learned about the service:
 * each protocol's codec gives its own typed record (a banner, whether STARTTLS was offered, the security
 * protocols an RDP server accepts...), and the check that asked for the prelude reads its own type.
 */
public interface PreludeFacts {

    /** The protocol as users name it in target lines and reports ("smtp", "rdp", ...). */
    String protocol();

    /**
     * The facts as the result line shows them, in a stable order: names in kebab-case, values a String,
     * Boolean, Integer or Long, or a List of Strings (nothing absent is listed: an unknown fact is left out,
     * never null). Server text is given as received, already cut to a short length by the codec; the
     * writers escape it.
     */
    Map<String, Object> fields();

    /**
     * How a password may travel in plain text on this connection before TLS, as the service advertises it
     * ({@code AUTH PLAIN}, {@code USER}, ...); empty when it offers none or the prelude did not get that far.
     */
    default List<String> plainTextAuthBeforeTls() {
        return List.of();
    }

    /**
     * Why the service lets clients in without TLS, when it does ("STARTTLS not offered", "standard RDP security
     * only", "PRELOGIN ENCRYPT_NOT_SUP"); empty when it offers TLS or the prelude did not get that far.
     */
    default Optional<String> withoutTls() {
        return Optional.empty();
    }
}
