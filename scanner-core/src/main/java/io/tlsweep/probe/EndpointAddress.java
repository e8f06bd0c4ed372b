package io.tlsweep.probe;

import java.util.Objects;

/**
 * Where an endpoint is, as a check may need it beyond the SNI name: an HTTP request's {@code Host} for an endpoint
 * without a name, the port that says a service is a web one.
 *
 * @param host the host as the target gives it: a DNS name, or an IP literal without brackets
 * @param port 1-65535
 */
public record EndpointAddress(String host, int port) {
    public EndpointAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range (1-65535)");
        }
    }
}
