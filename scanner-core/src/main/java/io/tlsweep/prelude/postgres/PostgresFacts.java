package io.tlsweep.prelude.postgres;

import io.tlsweep.result.PreludeFacts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a PostgreSQL server's answer to SSLRequest tells: {@code S} (TLS may start), {@code N} (TLS not
 * offered) or {@code E} (an error: a server from before TLS support, or one turning the client away), with the
 * error's severity, SQLSTATE code and message when it had them (cut short).
 */
public record PostgresFacts(char answer, Optional<String> severity, Optional<String> sqlState,
        Optional<String> message) implements PreludeFacts {

    static PostgresFacts of(char answer) {
        return new PostgresFacts(answer, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String protocol() {
        return PostgresProtocol.NAME;
    }

    /** Whether the server accepts TLS: only an {@code S} says so. */
    public boolean starttlsOffered() {
        return answer == 'S';
    }

    /**
     * {@code answer} ("S", "N" or "E"), {@code starttls-offered}, and for an error {@code error-severity},
     * {@code error-code} (the SQLSTATE) and {@code error-message}, each when the server sent it.
     */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("answer", String.valueOf(answer));
        fields.put("starttls-offered", starttlsOffered());
        severity.ifPresent(s -> fields.put("error-severity", s));
        sqlState.ifPresent(s -> fields.put("error-code", s));
        message.ifPresent(s -> fields.put("error-message", s));
        return fields;
    }

    @Override
    public Optional<String> withoutTls() {
        return answer == 'N' ? Optional.of("SSLRequest answered N") : Optional.empty();
    }
}
