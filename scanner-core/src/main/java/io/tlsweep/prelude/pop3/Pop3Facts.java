package io.tlsweep.prelude.pop3;

import io.tlsweep.prelude.line.CapabilityFacts;
import io.tlsweep.prelude.line.MechanismList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a POP3 server said before TLS (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS).
 *
 * @param banner the greeting's text after {@code +OK} (cut to 200 characters)
 * @param tlsOffered whether CAPA lists STLS; empty when the server has no CAPA (or it never came), in which case
 *     the other facts but the banner are empty too
 * @param authMechanisms the mechanisms of CAPA's {@code SASL} line, before TLS
 * @param userOffered whether CAPA lists {@code USER} (USER and PASS: the password in plain text)
 * @param implementation CAPA's {@code IMPLEMENTATION}, if given (cut to 200 characters)
 */
public record Pop3Facts(String banner, Optional<Boolean> tlsOffered, List<String> authMechanisms,
        boolean userOffered, Optional<String> implementation) implements CapabilityFacts {

    public Pop3Facts {
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(tlsOffered, "tlsOffered");
        authMechanisms = List.copyOf(authMechanisms);
        Objects.requireNonNull(implementation, "implementation");
    }

    @Override
    public String protocol() {
        return Pop3Prelude.NAME;
    }

    /** How a password may travel in plain text before TLS: {@code SASL PLAIN}, {@code SASL LOGIN}, {@code USER}. */
    @Override
    public List<String> plainTextAuthBeforeTls() {
        List<String> ways = new ArrayList<>();
        MechanismList.plainText(authMechanisms).forEach(m -> ways.add("SASL " + m));
        if (userOffered) {
            ways.add("USER");
        }
        return ways;
    }

    @Override
    public String startTlsCommand() {
        return "STLS";
    }

    @Override
    public void ownFields(Map<String, Object> fields) {
        implementation.ifPresent(i -> fields.put("implementation", i));
    }
}
