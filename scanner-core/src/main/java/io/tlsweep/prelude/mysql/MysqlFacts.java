package io.tlsweep.prelude.mysql;

import io.tlsweep.result.PreludeFacts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a MySQL or MariaDB server's first packet tells: its greeting (Initial Handshake), or the error packet
 * it sends instead when it turns the client away ("Too many connections", a host not allowed or blocked).
 */
public record MysqlFacts(Optional<Greeting> greeting, Optional<ErrorPacket> error) implements PreludeFacts {

    /** Capability flag CLIENT_SSL: the server accepts the SSL request. */
    public static final long CLIENT_SSL = 0x0800;

    /**
     * The Initial Handshake: protocol version (10; 9 before MySQL 3.22), the server's version string (cut
     * short; MariaDB's begins "5.5.5-"), its capability flags (32 bits; the upper 16 absent from old servers)
     * and its default authentication plugin, when it names one.
     */
    public record Greeting(int protocolVersion, String serverVersion, long capabilities, Optional<String> authPlugin) {
        public boolean sslOffered() {
            return (capabilities & CLIENT_SSL) != 0;
        }
    }

    /** An error packet (0xFF): the error number, the SQLSTATE when it has one, and the message (cut short). */
    public record ErrorPacket(int code, Optional<String> sqlState, String message) {
    }

    static MysqlFacts of(Greeting greeting) {
        return new MysqlFacts(Optional.of(greeting), Optional.empty());
    }

    static MysqlFacts of(ErrorPacket error) {
        return new MysqlFacts(Optional.empty(), Optional.of(error));
    }

    @Override
    public String protocol() {
        return MysqlProtocol.NAME;
    }

    /**
     * For a greeting: {@code protocol-version} (Integer), {@code server-version}, {@code starttls-offered}
     * (CLIENT_SSL), {@code capabilities} ("0x" and 8 hex digits), {@code auth-plugin} (when named). For an
     * error packet: {@code error-code} (Integer), {@code error-state} (when sent), {@code error-message}.
     */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        greeting.ifPresent(g -> {
            fields.put("protocol-version", g.protocolVersion());
            fields.put("server-version", g.serverVersion());
            fields.put("starttls-offered", g.sslOffered());
            fields.put("capabilities", String.format("0x%08x", g.capabilities()));
            g.authPlugin().ifPresent(p -> fields.put("auth-plugin", p));
        });
        error.ifPresent(e -> {
            fields.put("error-code", e.code());
            e.sqlState().ifPresent(s -> fields.put("error-state", s));
            fields.put("error-message", e.message());
        });
        return fields;
    }

    @Override
    public Optional<String> withoutTls() {
        return greeting.filter(g -> !g.sslOffered()).map(g -> "the greeting has no CLIENT_SSL");
    }
}
