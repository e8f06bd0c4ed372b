package io.tlsweep.probe;

import io.tlsweep.wire.ClientHelloSpec;

/**
 * One hello to send on one new connection. {@code id} is unique within a plan; {@code purpose} says why
 * it is sent ("TLSv1.2 suites #3"), for logs and metrics.
 */
public record ProbeStep(int id, String purpose, ClientHelloSpec hello) {
}
