package io.tlsweep.engine.handshake;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds and threads of a {@link HandshakeClient}.
 *
 * @param connectTimeout how long the TCP connect may take
 * @param handshakeTimeout how long the TLS handshake may take once connected
 * @param eventLoopThreads event-loop threads of the client's one group
 * @param nativeTransport use epoll where available (NIO otherwise); false forces NIO
 */
public record HandshakeClientConfig(Duration connectTimeout, Duration handshakeTimeout, int eventLoopThreads,
        boolean nativeTransport) {

    public HandshakeClientConfig {
        positive(connectTimeout, "connectTimeout");
        positive(handshakeTimeout, "handshakeTimeout");
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads must be at least 1, got " + eventLoopThreads);
        }
    }

    /** 3 s to connect, 10 s to handshake, one event loop per core, epoll where available. */
    public static HandshakeClientConfig defaults() {
        return new HandshakeClientConfig(Duration.ofSeconds(3), Duration.ofSeconds(10),
                Runtime.getRuntime().availableProcessors(), true);
    }

    public HandshakeClientConfig withTimeouts(Duration connect, Duration handshake) {
        return new HandshakeClientConfig(connect, handshake, eventLoopThreads, nativeTransport);
    }

    public HandshakeClientConfig withEventLoopThreads(int n) {
        return new HandshakeClientConfig(connectTimeout, handshakeTimeout, n, nativeTransport);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and under 24 days, got " + d);
        }
    }
}
