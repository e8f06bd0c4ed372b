package io.tlsweep.evidence;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A server endpoint as the evidence names it: address and port where the input has them, and the SNI name the
 * clients asked for. A scan's endpoint is joined with it by address and port, or by name and port.
 */
public record EvidenceEndpoint(Optional<String> address, OptionalInt port, Optional<String> serverName) {
    public EvidenceEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(serverName, "serverName");
    }

    /** The endpoint an observation was made at. */
    public static EvidenceEndpoint of(Observation o) {
        return new EvidenceEndpoint(o.serverAddress(), o.serverPort(), o.serverName());
    }

    @Override
    public String toString() {
        String host = address.map(a -> a.indexOf(':') >= 0 ? "[" + a + "]" : a).orElse("?");
        return host + (port.isPresent() ? ":" + port.getAsInt() : "") + serverName.map(n -> " (" + n + ")").orElse("");
    }
}
