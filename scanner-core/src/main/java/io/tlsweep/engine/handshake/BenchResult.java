package io.tlsweep.engine.handshake;

import io.tlsweep.metrics.Percentiles;
import io.tlsweep.result.FailureKind;
import java.io.OutputStream;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * What a handshake benchmark measured. Histograms are in microseconds and hold established handshakes
 * only; errors are counted by kind.
 *
 * @param plan what was run
 * @param started handshakes started; {@code established + sum(errors)} when {@code complete}
 * @param established handshakes that completed
 * @param resumed of those, how many resumed a session ({@code established - resumed} were full)
 * @param errors failed handshakes by kind
 * @param notStarted fixed rate only: intended starts within the duration that never got a free slot
 * @param negotiated established handshakes by "version suite" ("TLSv1.2 TLS_ECDHE_RSA_WITH_...")
 * @param elapsedNanos from the first start to the last outcome
 * @param complete false if some handshake had no outcome by the run's hard deadline (a bug)
 * @param latency from intended start to handshake complete (closed loop: the same as service time)
 * @param serviceTime from actual start to handshake complete
 * @param rawLatencies the first {@code plan.rawSampleLimit()} latencies in microseconds, unsorted
 * @param refused whether the run stopped early on {@link HandshakeBench#REFUSALS_TO_STOP} refused connections in a
 *     row
 */
public record BenchResult(BenchPlan plan, long started, long established, long resumed,
        Map<FailureKind, Long> errors, long notStarted, Map<String, Long> negotiated, long elapsedNanos,
        boolean complete, Histogram latency, Histogram serviceTime, long[] rawLatencies, boolean refused) {

    public BenchResult {
        errors = Map.copyOf(errors);
        negotiated = Map.copyOf(negotiated);
    }

    public long failed() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Established handshakes per second over the run. */
    public double handshakesPerSecond() {
        return elapsedNanos <= 0 ? 0 : established * 1e9 / elapsedNanos;
    }

    public Percentiles latencyPercentiles() {
        return percentiles(latency);
    }

    public Percentiles serviceTimePercentiles() {
        return percentiles(serviceTime);
    }

    private static Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }

    /**
     * Writes the two histograms (tags "latency" and "service-time") as one interval each to an HdrHistogram
     * log; values are microseconds, the log's legend shows milliseconds. Flushed, not closed.
     */
    public void writeHistogramLog(OutputStream out) {
        HistogramLogWriter writer = new HistogramLogWriter(out);
        long start = latency.getStartTimeStamp();
        writer.outputLogFormatVersion();
        writer.outputStartTime(start);
        writer.setBaseTime(start);
        writer.outputLegend();
        write(writer, latency, "latency");
        write(writer, serviceTime, "service-time");
        writer.close();
    }

    private void write(HistogramLogWriter writer, Histogram h, String tag) {
        Histogram copy = h.copy();
        copy.setTag(tag);
        writer.outputIntervalHistogram(0, elapsedNanos / 1e9, copy, 1e3);
    }

    /** A few lines for a terminal: rate, percentiles, errors, what was negotiated. */
    public String summary() {
        Percentiles p = latencyPercentiles();
        StringBuilder s = new StringBuilder();
        s.append(String.format(java.util.Locale.ROOT,
                "%s%s %s, %s, concurrency %d%n", plan.target().hostPort(),
                plan.target().prelude().map(said -> " (" + said.protocol() + ")").orElse(""), plan.spec().describe(),
                plan.mode() == BenchPlan.Mode.FIXED_RATE ? "fixed rate " + plan.ratePerSecond() + "/s" : "closed loop",
                plan.concurrency()));
        s.append(String.format(java.util.Locale.ROOT, "handshakes/s %.1f  (%d established, %d full, %d resumed,"
                + " %d failed, %d not started) in %.2f s%n", handshakesPerSecond(), established,
                established - resumed, resumed, failed(), notStarted, elapsedNanos / 1e9));
        s.append(String.format(java.util.Locale.ROOT, "latency us  p50 %d  p90 %d  p99 %d  p99.9 %d  max %d%n",
                p.p50(), p.p90(), p.p99(), p.p999(), p.max()));
        errors.forEach((kind, n) -> s.append("errors ").append(kind.label()).append(' ').append(n).append('\n'));
        negotiated.forEach((what, n) -> s.append("negotiated ").append(what).append(' ').append(n).append('\n'));
        return s.toString();
    }
}
