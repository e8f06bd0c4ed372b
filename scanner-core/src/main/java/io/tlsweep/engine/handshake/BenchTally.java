package io.tlsweep.engine.handshake;

import io.tlsweep.result.FailureKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What a benchmark run records, from any number of event-loop threads at once: counts, errors by kind,
 * what was negotiated, and two HdrHistogram recorders in microseconds: latency (from the intended start)
 * and service time (from the actual start). Only established handshakes enter the histograms.
 */
final class BenchTally {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long NANOS_PER_MICRO = 1000;

    final Recorder latency = new Recorder(SIGNIFICANT_DIGITS);
    final Recorder serviceTime = new Recorder(SIGNIFICANT_DIGITS);
    final LongAdder started = new LongAdder();
    final LongAdder established = new LongAdder();
    final LongAdder resumed = new LongAdder();
    private final Map<FailureKind, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> negotiated = new ConcurrentHashMap<>();
    private final long[] raw;
    private final AtomicInteger refusedInARow = new AtomicInteger();
    private final AtomicInteger rawCount = new AtomicInteger();

    BenchTally(int rawSampleLimit) {
        raw = new long[rawSampleLimit];
    }

    /** Records one outcome; times are {@link System#nanoTime()} readings. */
    void record(HandshakeOutcome outcome, long intendedNanos, long startNanos, long endNanos) {
        if (outcome instanceof HandshakeOutcome.Failed f && f.failure().kind() == FailureKind.CONNECT_REFUSED) {
            refusedInARow.incrementAndGet();
        } else {
            refusedInARow.set(0);
        }
        if (outcome instanceof HandshakeOutcome.Established e) {
            established.increment();
            if (e.resumed()) {
                resumed.increment();
            }
            negotiated.computeIfAbsent(e.version().displayName() + " " + e.cipherSuite().ianaName(),
                    k -> new LongAdder()).increment();
            long latencyMicros = (endNanos - intendedNanos) / NANOS_PER_MICRO;
            latency.recordValue(latencyMicros);
            serviceTime.recordValue((endNanos - startNanos) / NANOS_PER_MICRO);
            int slot = rawCount.getAndIncrement();
            if (slot < raw.length) {
                raw[slot] = latencyMicros;
            }
        } else if (outcome instanceof HandshakeOutcome.Failed f) {
            errors.computeIfAbsent(f.failure().kind(), k -> new LongAdder()).increment();
        }
    }

    /** Whether the last {@code n} outcomes recorded were all refused connections. */
    boolean refusedInARow(int n) {
        return refusedInARow.get() >= n;
    }

    Map<FailureKind, Long> errors() {
        Map<FailureKind, Long> out = new EnumMap<>(FailureKind.class);
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Map<String, Long> negotiated() {
        Map<String, Long> out = new TreeMap<>();
        negotiated.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The raw latencies kept (call after the run has ended). */
    long[] rawSamples() {
        return java.util.Arrays.copyOf(raw, Math.min(raw.length, rawCount.get()));
    }
}
