package io.tlsweep.engine;

/**
 * Where the engine connects for one target: a host name or IP literal, and a TCP port. A name is resolved
 * once per target through the {@link HostResolver}; a literal is used as it is.
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("endpoint host is empty");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("endpoint port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
