package io.tlsweep.prelude.sieve;

import io.tlsweep.prelude.line.CapabilityFacts;
import io.tlsweep.prelude.line.MechanismList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ManageSieve server said before TLS (RFC 5804): its greeting is its capability list.
 *
 * @param banner the text of the greeting's closing {@code OK} (cut to 200 characters), "" before it came
 * @param tlsOffered whether the capabilities list {@code "STARTTLS"}; empty until the greeting's end came
 * @param authMechanisms the mechanisms of the {@code "SASL"} capability, before TLS
 * @param implementation the {@code "IMPLEMENTATION"} capability, if given (cut to 200 characters)
 */
public record SieveFacts(String banner, Optional<Boolean> tlsOffered, List<String> authMechanisms,
        Optional<String> implementation) implements CapabilityFacts {

    public SieveFacts {
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(tlsOffered, "tlsOffered");
        authMechanisms = List.copyOf(authMechanisms);
        Objects.requireNonNull(implementation, "implementation");
    }

    @Override
    public String protocol() {
        return SievePrelude.NAME;
    }

    /** How a password may travel in plain text before TLS: {@code SASL PLAIN}, {@code SASL LOGIN}. */
    @Override
    public List<String> plainTextAuthBeforeTls() {
        return MechanismList.plainText(authMechanisms).stream().map(m -> "SASL " + m).toList();
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
