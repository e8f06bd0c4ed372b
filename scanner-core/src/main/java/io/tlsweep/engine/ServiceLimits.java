package io.tlsweep.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Politeness towards one service of an address: the connections to one address whose endpoints speak the same
 * protocol before TLS (every SMTP port of a host, say) share their own cap on connections open at once and their
 * own connection rate, on top of the address's cap and rate, which every connection to the address keeps to
 * whatever its port. And each answer before TLS may take its own time.
 *
 * @param connections most connections of the service open at once to one address; 0: no cap beyond the address's
 * @param rate new connections of the service per second to one address, evenly spaced; 0: no rate of its own
 * @param preludeTimeout the time allowed for each answer before TLS (a greeting, a reply to STARTTLS); empty: the
 *     engine's read timeout. The TLS answers after it keep the read timeout
 */
public record ServiceLimits(int connections, double rate, Optional<Duration> preludeTimeout) {

    /** No limit beyond the address's, the read timeout for every answer. */
    public static final ServiceLimits NONE = new ServiceLimits(0, 0, Optional.empty());

    public ServiceLimits {
        if (connections < 0) {
            throw new IllegalArgumentException("connections must be 0 (none) or more, got " + connections);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, got " + rate);
        }
        Objects.requireNonNull(preludeTimeout, "preludeTimeout");
        preludeTimeout.ifPresent(d -> {
            if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("preludeTimeout must be positive and under 24 days, got " + d);
            }
        });
    }

    /** Whether the service shares a cap or a rate of its own (a timeout alone needs no gate). */
    boolean gated() {
        return connections > 0 || rate > 0;
    }

    /** These limits without a cap of their own. */
    public ServiceLimits withoutCap() {
        return new ServiceLimits(0, rate, preludeTimeout);
    }

    /** These limits without a rate of their own. */
    public ServiceLimits withoutRate() {
        return new ServiceLimits(connections, 0, preludeTimeout);
    }

    /** These limits with the read timeout for every answer. */
    public ServiceLimits withoutPreludeTimeout() {
        return new ServiceLimits(connections, rate, Optional.empty());
    }
}
