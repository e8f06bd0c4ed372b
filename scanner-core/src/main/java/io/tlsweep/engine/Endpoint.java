package io.tlsweep.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the engine connects for one target: a host name or IP literal, a TCP port, and the protocol spoken there
 * before TLS, if any, by name (its {@link ServiceLimits} in {@link EngineConfig#services()} apply to the target's
 * connections). A name is resolved once per target through the {@link HostResolver}; a literal is used as it is.
 */
public record Endpoint(String host, int port, Optional<String> protocol) {
    public Endpoint {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("endpoint host is empty");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("endpoint port out of range: " + port);
        }
        Objects.requireNonNull(protocol, "protocol");
    }

    /** An endpoint where TLS starts on connect. */
    public Endpoint(String host, int port) {
        this(host, port, Optional.empty());
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
