package io.tlsweep.engine.handshake;

import java.time.Duration;
import java.util.Objects;

/**
 * One handshake benchmark run: sustained full handshakes against one endpoint, bounded by a duration and a
 * count (whichever ends first).
 *
 * @param target where to connect
 * @param spec provider, versions and suites to offer
 * @param mode closed loop or fixed rate
 * @param concurrency handshakes in flight at most (closed loop: the number of workers)
 * @param ratePerSecond fixed rate only: intended handshake starts per second; ignored in closed loop
 * @param duration how long to start handshakes
 * @param maxHandshakes at most this many handshakes are started
 * @param sessions {@link SessionMode#RESUMABLE} to resume sessions and count full vs resumed
 * @param rawSampleLimit how many raw latencies (microseconds) to keep besides the histogram; 0 keeps none.
 *     A test hook, to check the histogram against an exact computation
 */
public record BenchPlan(HandshakeTarget target, HandshakeSpec spec, Mode mode, int concurrency,
        double ratePerSecond, Duration duration, long maxHandshakes, SessionMode sessions, int rawSampleLimit) {

    /** How handshakes are started. */
    public enum Mode {
        /** Each of {@code concurrency} workers starts its next handshake when its previous one ends. */
        CLOSED_LOOP,
        /**
         * Starts are scheduled at {@code ratePerSecond} from the start time; latency is measured from each
         * handshake's intended start, so time spent waiting for a free slot behind a slow server counts
         * (coordinated omission corrected).
         */
        FIXED_RATE
    }

    public BenchPlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(duration, "duration");
        if (concurrency < 1 || maxHandshakes < 1 || rawSampleLimit < 0) {
            throw new IllegalArgumentException("concurrency and maxHandshakes must be >= 1, rawSampleLimit >= 0");
        }
        if (duration.isNegative() || duration.isZero() || duration.toHours() > 24) {
            throw new IllegalArgumentException("duration must be positive and at most a day, got " + duration);
        }
        if (mode == Mode.FIXED_RATE && !(ratePerSecond > 0 && ratePerSecond <= 10_000_000)) {
            throw new IllegalArgumentException("fixed rate needs 0 < rate <= 10,000,000/s, got " + ratePerSecond);
        }
    }

    public static BenchPlan closedLoop(HandshakeTarget target, HandshakeSpec spec, int concurrency, Duration duration,
            long maxHandshakes) {
        return new BenchPlan(target, spec, Mode.CLOSED_LOOP, concurrency, 0, duration, maxHandshakes,
                SessionMode.FRESH, 0);
    }

    public static BenchPlan fixedRate(HandshakeTarget target, HandshakeSpec spec, double ratePerSecond,
            int concurrency, Duration duration, long maxHandshakes) {
        return new BenchPlan(target, spec, Mode.FIXED_RATE, concurrency, ratePerSecond, duration, maxHandshakes,
                SessionMode.FRESH, 0);
    }

    public BenchPlan withSessions(SessionMode mode) {
        return new BenchPlan(target, spec, this.mode, concurrency, ratePerSecond, duration, maxHandshakes, mode,
                rawSampleLimit);
    }

    public BenchPlan keepingRawSamples(int limit) {
        return new BenchPlan(target, spec, mode, concurrency, ratePerSecond, duration, maxHandshakes, sessions,
                limit);
    }
}
