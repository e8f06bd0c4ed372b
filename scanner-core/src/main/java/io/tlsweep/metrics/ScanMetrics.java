package io.tlsweep.metrics;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.ProtocolVersion;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Connection metrics of a scan: counts per outcome class, and HdrHistogram series of connect time and time
 * to first reply (microseconds) keyed by offered version and outcome class. Recording is wait-free and may
 * happen from any number of event-loop threads; snapshots and logs are taken from any thread and are
 * cumulative since creation.
 *
 * <p>The recorders are plain auto-resizing {@link Recorder}s, not packed ones: a packed concurrent histogram
 * that resizes while two event loops record into it can spin for minutes (seen at 13,000 hellos/s).
 * Microseconds keep each histogram to ~15 buckets for values up to a few seconds.
 */
public final class ScanMetrics {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long NANOS_PER_MICRO = 1000;
    private static final double MICROS_PER_MILLI = 1e3;

    private final long startMillis = System.currentTimeMillis();
    private final LongAdder[] counts = new LongAdder[OutcomeClass.values().length];
    private final ConcurrentHashMap<Integer, Series> series = new ConcurrentHashMap<>();

    public ScanMetrics() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Records one connection's outcome for a hello whose highest offered version is {@code offered}. */
    public void record(ProtocolVersion offered, ConnectionOutcome outcome) {
        OutcomeClass outcomeClass = OutcomeClass.of(outcome);
        counts[outcomeClass.ordinal()].increment();
        Timings t = outcome.timings();
        if (t.connectNanos() < 0 && t.firstByteNanos() < 0) {
            return;
        }
        Series s = series.get(keyOf(offered, outcomeClass));
        if (s == null) {
            s = series.computeIfAbsent(keyOf(offered, outcomeClass), k -> new Series(offered, outcomeClass));
        }
        if (t.connectNanos() >= 0) {
            s.connect.recordValue(t.connectNanos() / NANOS_PER_MICRO);
        }
        if (t.firstByteNanos() >= 0 && outcome instanceof ConnectionOutcome.Replied) {
            s.firstReply.recordValue(t.firstByteNanos() / NANOS_PER_MICRO);
        }
    }

    /** Connections counted per outcome class, every class present. */
    public Map<OutcomeClass, Long> counts() {
        Map<OutcomeClass, Long> out = new EnumMap<>(OutcomeClass.class);
        for (OutcomeClass c : OutcomeClass.values()) {
            out.put(c, counts[c.ordinal()].sum());
        }
        return out;
    }

    /** Percentiles of every non-empty series, in a stable order. */
    public Map<SeriesKey, Percentiles> snapshot() {
        Map<SeriesKey, Percentiles> out = new LinkedHashMap<>();
        for (Series s : sortedSeries()) {
            synchronized (s) {
                s.drain();
                put(out, new SeriesKey(SeriesKey.Measure.CONNECT, s.offered, s.outcome), s.connectTotal);
                put(out, new SeriesKey(SeriesKey.Measure.FIRST_REPLY, s.offered, s.outcome), s.firstReplyTotal);
            }
        }
        return out;
    }

    /**
     * Writes every non-empty series as one tagged histogram ({@link SeriesKey#tag()}) to an HdrHistogram log
     * covering the time since creation; values are microseconds, the legend shows milliseconds. The stream is
     * flushed, not closed.
     */
    public void writeLog(OutputStream out) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        long now = System.currentTimeMillis();
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputLegend();
        for (Series s : sortedSeries()) {
            synchronized (s) {
                s.drain();
                write(writer, s.connectTotal, new SeriesKey(SeriesKey.Measure.CONNECT, s.offered, s.outcome), now);
                write(writer, s.firstReplyTotal,
                        new SeriesKey(SeriesKey.Measure.FIRST_REPLY, s.offered, s.outcome), now);
            }
        }
        writer.close();
    }

    private void write(HistogramLogWriter writer, Histogram total, SeriesKey key, long nowMillis) {
        if (total.getTotalCount() == 0) {
            return;
        }
        Histogram copy = total.copy();
        copy.setTag(key.tag());
        copy.setStartTimeStamp(startMillis);
        copy.setEndTimeStamp(nowMillis);
        writer.outputIntervalHistogram(0, (nowMillis - startMillis) / 1000.0, copy, MICROS_PER_MILLI);
    }

    private static void put(Map<SeriesKey, Percentiles> out, SeriesKey key, Histogram h) {
        if (h.getTotalCount() > 0) {
            out.put(key, Percentiles.of(h));
        }
    }

    private List<Series> sortedSeries() {
        return series.values().stream()
                .sorted(Comparator.comparingInt((Series s) -> s.offered.code()).thenComparing(s -> s.outcome))
                .toList();
    }

    private static Integer keyOf(ProtocolVersion offered, OutcomeClass outcome) {
        return offered.code() << 8 | outcome.ordinal();
    }

    /** The two recorders of one (version, outcome class) and their cumulative totals. */
    private static final class Series {
        final ProtocolVersion offered;
        final OutcomeClass outcome;
        final Recorder connect = new Recorder(SIGNIFICANT_DIGITS);
        final Recorder firstReply = new Recorder(SIGNIFICANT_DIGITS);
        final Histogram connectTotal = new Histogram(SIGNIFICANT_DIGITS);
        final Histogram firstReplyTotal = new Histogram(SIGNIFICANT_DIGITS);
        private Histogram connectSpare;
        private Histogram firstReplySpare;

        Series(ProtocolVersion offered, OutcomeClass outcome) {
            this.offered = offered;
            this.outcome = outcome;
        }

        /** Moves what the recorders hold into the totals; callers hold this object's lock. */
        void drain() {
            connectSpare = connect.getIntervalHistogram(connectSpare);
            connectTotal.add(connectSpare);
            firstReplySpare = firstReply.getIntervalHistogram(firstReplySpare);
            firstReplyTotal.add(firstReplySpare);
        }
    }
}
