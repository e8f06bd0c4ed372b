package io.tlsweep.targets.hostile;

import java.util.Optional;

/** The first TLS record a client sent (or, when it did not start like TLS, the first bytes it sent). */
public record FirstRecord(byte[] bytes) {

    public Optional<ClientHelloSummary> hello() {
        return ClientHelloReader.read(bytes);
    }
}
