package io.tlsweep.engine.handshake;

/**
 * Times of one full-handshake connection, in nanoseconds from the start of the connect; -1 where the stage
 * was not reached.
 *
 * @param connectNanos until the TCP connection was established
 * @param handshakeNanos until the TLS handshake completed (our Finished sent and the server's verified)
 * @param totalNanos until the outcome was decided
 */
public record HandshakeTimings(long connectNanos, long handshakeNanos, long totalNanos) {
}
