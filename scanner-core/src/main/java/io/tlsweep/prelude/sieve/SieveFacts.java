package io.tlsweep.prelude.sieve;

import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.PreludeFacts;
import java.util.LinkedHashMap;
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
        Optional<String> implementation) implements PreludeFacts {

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
    public List<String> plainTextAuth() {
        return MechanismList.plainText(authMechanisms).stream().map(m -> "SASL " + m).toList();
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("banner", banner);
        tlsOffered.ifPresent(offered -> {
            fields.put("starttls-offered", offered);
            fields.put("auth-mechanisms", authMechanisms);
            fields.put("plain-text-auth", plainTextAuth());
        });
        implementation.ifPresent(i -> fields.put("implementation", i));
        return fields;
    }

    @Override
    public List<String> plainTextAuthBeforeTls() {
        return plainTextAuth();
    }

    @Override
    public Optional<String> withoutTls() {
        return tlsOffered.filter(offered -> !offered).map(no -> "STARTTLS not offered");
    }
}
