package io.tlsweep.engine.handshake;

import io.tlsweep.targets.FarmTarget;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the handshake tests. */
final class Handshakes {
    private Handshakes() {
    }

    static HandshakeClientConfig config() {
        return HandshakeClientConfig.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withEventLoopThreads(2);
    }

    static HandshakeTarget target(FarmTarget t) {
        return HandshakeTarget.of(t.address());
    }

    static HandshakeOutcome run(HandshakeClient client, HandshakeTarget target, HandshakeSpec spec) {
        return run(client, target, spec, SessionMode.FRESH);
    }

    static HandshakeOutcome run(HandshakeClient client, HandshakeTarget target, HandshakeSpec spec, SessionMode mode) {
        try {
            return client.handshake(target, spec, mode).toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the handshake stage must complete with an outcome", e);
        }
    }

    static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
