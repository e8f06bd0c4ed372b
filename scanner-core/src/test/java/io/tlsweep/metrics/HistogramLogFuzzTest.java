package io.tlsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.report.Latency;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.testing.Fuzzing;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the HdrHistogram logs tlsweep reads back: {@link HistogramLogs} (what
 * {@code merge} adds up) and {@link Latency#read} (what {@code report} shows). Properties: a log is merged or
 * refused with {@link IllegalArgumentException} / {@link UncheckedIOException} naming it (the documented
 * refusals), never another exception, and so is it by the report's reader; what the merge writes reads back
 * with the same tags and counts.
 */
@Tag("fuzz")
public class HistogramLogFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void anyLogIsMergedOrRefusedByName(byte[] data) {
        try {
            Latency.read(new ByteArrayInputStream(data), "run/latency.hlog");
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("run/latency.hlog: not a histogram log");
        }
        Map<String, Histogram> byTag = new LinkedHashMap<>();
        try {
            HistogramLogs.addAll(new ByteArrayInputStream(data), "shard-3/latency.hlog", byTag);
        } catch (IllegalArgumentException | UncheckedIOException refused) {
            assertThat(refused.getMessage()).startsWith("shard-3/latency.hlog");
            return;
        }
        ByteArrayOutputStream merged = new ByteArrayOutputStream();
        HistogramLogs.write(byTag, merged);
        Map<String, Histogram> again = new LinkedHashMap<>();
        HistogramLogs.addAll(new ByteArrayInputStream(merged.toByteArray()), "merged", again);
        Map<String, Long> counts = new LinkedHashMap<>();
        byTag.forEach((tag, h) -> {
            if (h.getTotalCount() > 0) {
                counts.put(tag, h.getTotalCount());
            }
        });
        Map<String, Long> countsAgain = new LinkedHashMap<>();
        again.forEach((tag, h) -> countsAgain.put(tag, h.getTotalCount()));
        assertThat(countsAgain).as("the merged log read back").isEqualTo(counts);
    }

    /** A log as a scan writes it, an empty one, and one of double histograms (which merge refuses). */
    public static Stream<byte[]> seeds() {
        ScanMetrics metrics = new ScanMetrics();
        for (int i = 0; i < 200; i++) {
            ProtocolVersion v = ProtocolVersion.HELLO_VERSIONS.get(i % 5);
            metrics.record(v, i % 3 == 0
                    ? new ConnectionOutcome.NoReply(Failure.of(FailureKind.READ_TIMEOUT, "no reply"),
                            new Timings(40_000L * (1 + i), -1, 3_000_000_000L))
                    : new ConnectionOutcome.Replied(new ServerResponse.Alert(2, AlertDescription.of(40), true),
                            new Timings(30_000L * (1 + i), 90_000L * (1 + i), 100_000L * (1 + i))));
        }
        ByteArrayOutputStream scan = new ByteArrayOutputStream();
        metrics.writeLog(scan);
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new ScanMetrics().writeLog(empty);
        ByteArrayOutputStream doubles = new ByteArrayOutputStream();
        HistogramLogWriter writer = new HistogramLogWriter(doubles);
        DoubleHistogram h = new DoubleHistogram(3);
        h.recordValue(1.5);
        writer.outputIntervalHistogram(h);
        writer.close();
        return List.of(scan.toByteArray(), empty.toByteArray(), doubles.toByteArray()).stream();
    }
}
