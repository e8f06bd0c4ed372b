package io.tlsweep.prelude.nntp;

import io.tlsweep.prelude.line.CapabilityFacts;
import io.tlsweep.prelude.line.MechanismList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an NNTP server said before TLS (RFC 3977, RFC 4642 STARTTLS, RFC 4643 AUTHINFO).
 *
 * @param banner the greeting's text after its code (cut to 200 characters)
 * @param tlsOffered whether CAPABILITIES lists STARTTLS; empty when the server has no CAPABILITIES (or it never
 *     came), in which case the other facts but the banner are empty too
 * @param authMechanisms the mechanisms of the {@code SASL} capability, before TLS
 * @param authinfoUser whether {@code AUTHINFO} lists {@code USER} (AUTHINFO USER/PASS: the password in plain text)
 * @param implementation the {@code IMPLEMENTATION} capability, if given (cut to 200 characters)
 */
public record NntpFacts(String banner, Optional<Boolean> tlsOffered, List<String> authMechanisms,
        boolean authinfoUser, Optional<String> implementation) implements CapabilityFacts {

    public NntpFacts {
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(tlsOffered, "tlsOffered");
        authMechanisms = List.copyOf(authMechanisms);
        Objects.requireNonNull(implementation, "implementation");
    }

    @Override
    public String protocol() {
        return NntpPrelude.NAME;
    }

    /** How a password may travel in plain text before TLS: {@code SASL PLAIN}, {@code SASL LOGIN}, {@code AUTHINFO USER}. */
    @Override
    public List<String> plainTextAuthBeforeTls() {
        List<String> ways = new ArrayList<>();
        MechanismList.plainText(authMechanisms).forEach(m -> ways.add("SASL " + m));
        if (authinfoUser) {
            ways.add("AUTHINFO USER");
        }
        return ways;
    }

    @Override
    public String startTlsCommand() {
        return "STARTTLS";
    }

    @Override
    public void ownFields(Map<String, Object> fields) {
        implementation.ifPresent(i -> fields.put("implementation", i));
    }
}
