package io.tlsweep.result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a prelude learned before TLS, joined by what the same service said about logging in once TLS was up: the
 * fields of {@code beforeTls}, then {@code auth-after-tls} (the SASL mechanisms over TLS) and, where the protocol
 * has a login command outside SASL, {@code login-after-tls}. Everything else is {@code beforeTls}'s.
 */
public record PreludeFactsAfterTls(PreludeFacts beforeTls, AuthAfterTls afterTls) implements PreludeFacts {

    public PreludeFactsAfterTls {
        Objects.requireNonNull(beforeTls, "beforeTls");
        Objects.requireNonNull(afterTls, "afterTls");
        if (beforeTls instanceof PreludeFactsAfterTls) {
            throw new IllegalArgumentException("the facts before TLS already have what was learned after it");
        }
        if (!beforeTls.protocol().equals(afterTls.protocol())) {
            throw new IllegalArgumentException("facts of " + beforeTls.protocol() + " before TLS and of "
                    + afterTls.protocol() + " after it");
        }
    }

    @Override
    public String protocol() {
        return beforeTls.protocol();
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>(beforeTls.fields());
        fields.put("auth-after-tls", afterTls.mechanisms());
        afterTls.login().ifPresent(login -> fields.put("login-after-tls", login));
        return fields;
    }

    @Override
    public List<String> plainTextAuthBeforeTls() {
        return beforeTls.plainTextAuthBeforeTls();
    }

    @Override
    public Optional<String> withoutTls() {
        return beforeTls.withoutTls();
    }
}
