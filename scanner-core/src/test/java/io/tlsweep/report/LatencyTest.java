package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tlsweep.metrics.OutcomeClass;
import io.tlsweep.metrics.Percentiles;
import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.metrics.SeriesKey;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyTest {
    /** Three significant digits: a recorded value is reported within 1/1024 of itself. */
    private static final double RESOLUTION = 1.0 / 1024;

    /** The nearest-rank percentile of sorted values (rank = ceil(p/100 * n), exact), without HdrHistogram. */
    private static long nearestRank(long[] sorted, double percentile) {
        int rank = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(sorted.length))
                .divide(BigDecimal.valueOf(100)).setScale(0, RoundingMode.CEILING).intValueExact();
        return sorted[Math.max(0, rank - 1)];
    }

    private static void assertMatches(Percentiles p, long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(p.count()).isEqualTo(sorted.length);
        double[] ps = {50, 90, 99, 99.9};
        long[] got = {p.p50(), p.p90(), p.p99(), p.p999()};
        for (int i = 0; i < ps.length; i++) {
            long expected = nearestRank(sorted, ps[i]);
            assertThat((double) got[i]).as("p" + ps[i]).isCloseTo(expected, within(expected * RESOLUTION + 1));
        }
        long max = sorted[sorted.length - 1];
        assertThat((double) p.max()).as("max").isCloseTo(max, within(max * RESOLUTION + 1));
    }

    @Test
    void percentilesFromAHandWrittenLogMatchAnIndependentComputation() {
        Random random = new Random(42);
        long[] first = LongStream.generate(() -> (long) Math.exp(6 + 2.5 * random.nextGaussian()) + 1).limit(5000)
                .toArray();
        long[] second = LongStream.generate(() -> 200 + random.nextInt(50_000)).limit(3000).toArray();
        long[] alerts = LongStream.rangeClosed(1, 1000).map(i -> i * 37).toArray();

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HistogramLogWriter writer = new HistogramLogWriter(log);
        writer.outputLogFormatVersion();
        writer.outputStartTime(1_700_000_000_000L);
        writer.outputLegend();
        writer.outputIntervalHistogram(0, 10, histogram("first-reply/TLSv1.2/hello", first), 1e3);
        writer.outputIntervalHistogram(0, 10, histogram("first-reply/TLSv1.2/alert", alerts), 1e3);
        writer.outputIntervalHistogram(10, 20, histogram("first-reply/TLSv1.2/hello", second), 1e3);
        writer.close();

        Latency latency = Latency.read(new ByteArrayInputStream(log.toByteArray()));
        Map<String, Percentiles> p = latency.percentiles();

        assertThat(p).containsOnlyKeys("first-reply/TLSv1.2/hello", "first-reply/TLSv1.2/alert");
        long[] both = LongStream.concat(Arrays.stream(first), Arrays.stream(second)).toArray();
        assertMatches(p.get("first-reply/TLSv1.2/hello"), both); // the two intervals of one tag added up
        assertMatches(p.get("first-reply/TLSv1.2/alert"), alerts);
    }

    @Test
    void percentilesOfScanMetricsLogAreTheOnesScanMetricsReports() {
        ScanMetrics metrics = new ScanMetrics();
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            long connect = 50_000 + random.nextInt(2_000_000);
            metrics.record(i % 2 == 0 ? ProtocolVersion.TLSv1_2 : ProtocolVersion.TLSv1_0, new ConnectionOutcome.Replied(
                    new ServerResponse.Alert(2, AlertDescription.HANDSHAKE_FAILURE, true),
                    new Timings(connect, connect + random.nextInt(30_000_000), connect + 40_000_000)));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        metrics.writeLog(log);

        Map<String, Percentiles> read = Latency.read(new ByteArrayInputStream(log.toByteArray())).percentiles();
        Map<SeriesKey, Percentiles> live = metrics.snapshot();
        assertThat(read).hasSize(live.size()).hasSize(4);
        live.forEach((key, p) -> assertThat(read.get(key.tag())).as(key.tag()).isEqualTo(p));
        assertThat(read.keySet()).first().isEqualTo(new SeriesKey(SeriesKey.Measure.FIRST_REPLY,
                ProtocolVersion.TLSv1_0, OutcomeClass.ALERT).tag());
    }

    @Test
    void noLogMeansNoLatency(@TempDir Path dir) {
        assertThat(Latency.readIfPresent(dir.resolve("results.hlog")).isEmpty()).isTrue();
        assertThat(Latency.none().percentiles()).isEmpty();
    }

    @Test
    void seriesAreOrderedFirstReplyFirstThenVersionThenHelloBeforeAlert() {
        Map<String, Histogram> h = new HashMap<>();
        for (String tag : new String[] {"connect/TLSv1.2/hello", "first-reply/TLSv1.3/alert",
            "first-reply/TLSv1.3/hello", "first-reply/TLSv1.0/read-timeout", "first-reply/TLSv1.0/hello"}) {
            h.put(tag, histogram(tag, new long[] {1}));
        }
        assertThat(Latency.of(h).percentiles().keySet()).containsExactly("first-reply/TLSv1.0/hello",
                "first-reply/TLSv1.0/read-timeout", "first-reply/TLSv1.3/hello", "first-reply/TLSv1.3/alert",
                "connect/TLSv1.2/hello");
    }

    static Histogram histogram(String tag, long[] values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        h.setTag(tag);
        return h;
    }
}
