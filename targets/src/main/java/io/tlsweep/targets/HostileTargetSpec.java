package io.tlsweep.targets;

import java.time.Duration;
import java.util.Objects;

/**
 * A plain (non-TLS) server that misbehaves as {@link #behaviour()} says.
 *
 * @param maxLifetime every accepted connection is closed by the server after this long at most
 */
public record HostileTargetSpec(String name, String bindAddress, Behaviour behaviour, Duration maxLifetime)
        implements TargetSpec {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    public HostileTargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        LoopbackAddresses.requireLoopback(bindAddress);
        if (maxLifetime.isNegative() || maxLifetime.isZero() || maxLifetime.compareTo(DEFAULT_LIFETIME) > 0) {
            throw new IllegalArgumentException("maxLifetime must be in (0, 60 s]: " + maxLifetime);
        }
    }

    /** Same target with another connection lifetime limit. */
    public HostileTargetSpec withMaxLifetime(Duration lifetime) {
        return new HostileTargetSpec(name, bindAddress, behaviour, lifetime);
    }
}
