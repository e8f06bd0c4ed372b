package io.tlsweep.result;

import io.tlsweep.wire.ServerResponse;

/**
 * What one connection carrying one ClientHello came to, as the engine reports it to a probe: the decoded
 * reply, or a transport failure with no reply at all.
 */
public sealed interface ConnectionOutcome {
    Timings timings();

    /** Bytes came back and were decoded (a ServerHello, an alert, not-TLS, malformed...). */
    record Replied(ServerResponse response, Timings timings) implements ConnectionOutcome {
    }

    /**
     * No reply: the kind is one of connect refused/timeout, DNS failure, read timeout, reset or closed
     * before any reply, or internal error.
     */
    record NoReply(Failure failure, Timings timings) implements ConnectionOutcome {
    }
}
