package io.tlsweep.prelude.tds;

import io.tlsweep.result.PreludeFacts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one PRELOGIN exchange told: the ENCRYPTION the client asked for, and from the server's response its
 * version and its ENCRYPTION answer ({@code not-supported}: logins travel without TLS).
 */
public record TdsFacts(Encryption requested, Optional<SqlServerVersion> version, Optional<Encryption> encryption)
        implements PreludeFacts {

    public TdsFacts {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(encryption, "encryption");
    }

    @Override
    public String protocol() {
        return TdsPrelude.PROTOCOL;
    }

    /**
     * {@code encryption-requested} ({@link Encryption#label()}), {@code version} ({@code 11.0.2100}),
     * {@code product} ({@code SQL Server 2012}, for a major version SQL Server shipped), {@code encryption} (the
     * server's answer). Only what the server said is listed.
     */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("encryption-requested", requested.label());
        version.ifPresent(v -> {
            fields.put("version", v.toString());
            v.product().ifPresent(p -> fields.put("product", p));
        });
        encryption.ifPresent(e -> fields.put("encryption", e.label()));
        return fields;
    }

    @Override
    public Optional<String> withoutTls() {
        return encryption.filter(e -> e == Encryption.NOT_SUP)
                .map(e -> "PRELOGIN ENCRYPT_NOT_SUP: logins travel without TLS");
    }
}
