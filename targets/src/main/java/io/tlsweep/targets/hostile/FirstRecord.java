package io.tlsweep.targets.hostile;

import java.util.Optional;

/** The first TLS record a client sent (or, when it did not start like TLS, the first bytes it sent). */
record FirstRecord(byte[] bytes) {

    Optional<ClientHelloSummary> hello() {
        return ClientHelloReader.read(bytes);
    }
}
