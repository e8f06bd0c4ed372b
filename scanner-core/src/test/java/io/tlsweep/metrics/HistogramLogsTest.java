package io.tlsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.report.Latency;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merged logs are exact: the percentiles of the merge are those of one run that recorded every value. */
class HistogramLogsTest {
    @TempDir
    Path dir;

    private static ConnectionOutcome alert(long connectMicros, long firstByteMicros) {
        return new ConnectionOutcome.Replied(new ServerResponse.Alert(2, AlertDescription.of(40), true),
                new Timings(connectMicros * 1000, firstByteMicros * 1000, firstByteMicros * 1000 + 10));
    }

    private static ConnectionOutcome timeout(long connectMicros) {
        return new ConnectionOutcome.NoReply(Failure.of(FailureKind.READ_TIMEOUT, "no reply"),
                new Timings(connectMicros * 1000, -1, 3_000_000_000L));
    }

    private Path log(String name, ScanMetrics metrics) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            metrics.writeLog(out);
        }
        return file;
    }

    private static Latency read(Path file) throws IOException {
        return Latency.read(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    @Test
    void theMergeOfShardLogsHasThePercentilesOfOneRunOverAllValues() throws IOException {
        Random random = new Random(8);
        ScanMetrics single = new ScanMetrics();
        List<ScanMetrics> shards = List.of(new ScanMetrics(), new ScanMetrics(), new ScanMetrics(), new ScanMetrics());
        for (int i = 0; i < 20_000; i++) {
            // values over five decades, skewed, so that buckets of every size are filled
            long connect = 50 + (long) Math.exp(random.nextDouble() * 12);
            long reply = connect + random.nextInt(200_000);
            ProtocolVersion version = ProtocolVersion.HELLO_VERSIONS.get(i % ProtocolVersion.HELLO_VERSIONS.size());
            ConnectionOutcome outcome = i % 7 == 0 ? timeout(connect) : alert(connect, reply);
            single.record(version, outcome);
            // shard 3 gets no TLSv1.3 at all: tags need not be in every log
            int shard = version == ProtocolVersion.TLSv1_3 ? i % 3 : i % 4;
            shards.get(shard).record(version, outcome);
        }
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            logs.add(log("shard-" + i + ".hlog", shards.get(i)));
        }
        logs.add(log("empty.hlog", new ScanMetrics()));
        Path merged = dir.resolve("merged.hlog");
        Map<String, Histogram> returned;
        try (OutputStream out = Files.newOutputStream(merged)) {
            returned = HistogramLogs.merge(logs, out);
        }

        Latency one = read(log("single.hlog", single));
        Latency sum = read(merged);
        assertThat(sum.percentiles()).isNotEmpty().isEqualTo(one.percentiles());
        assertThat(sum.histograms().keySet()).isEqualTo(one.histograms().keySet());
        one.histograms().forEach((tag, h) -> {
            Histogram m = sum.histograms().get(tag);
            assertThat(m).as(tag).isEqualTo(h);
            for (double p : new double[] {0, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100}) {
                assertThat(m.getValueAtPercentile(p)).as(tag + " p" + p).isEqualTo(h.getValueAtPercentile(p));
            }
            assertThat(returned.get(tag).getTotalCount()).isEqualTo(h.getTotalCount());
        });
        assertThat(Files.readAllLines(merged).stream().filter(l -> l.startsWith("Tag=")))
                .as("one interval per tag").hasSize(one.histograms().size());
    }

    @Test
    void eachMergedIntervalSpansTheIntervalsItAddsUp() throws IOException {
        Path a = dir.resolve("a.hlog");
        Path b = dir.resolve("b.hlog");
        write(a, 1_700_000_000_000L, 1_700_000_010_000L, 100, 200);
        write(b, 1_700_000_005_000L, 1_700_000_030_000L, 300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Histogram merged = HistogramLogs.merge(List.of(a, b), out).get("connect/TLSv1.2/hello");

        assertThat(merged.getTotalCount()).isEqualTo(3);
        Histogram back = Latency.read(new ByteArrayInputStream(out.toByteArray())).histograms()
                .get("connect/TLSv1.2/hello");
        assertThat(back.getTotalCount()).isEqualTo(3);
        assertThat(back.getMaxValue()).isEqualTo(merged.getMaxValue());
        assertThat(merged.getStartTimeStamp()).isEqualTo(1_700_000_000_000L);
        assertThat(merged.getEndTimeStamp()).isEqualTo(1_700_000_030_000L);
        assertThat(out.toString()).contains("#[StartTime: 1700000000.000").contains("Tag=connect/TLSv1.2/hello,0.000,30.000,");
    }

    @Test
    void aLogOfDoubleHistogramsIsRefused() throws IOException {
        Path file = dir.resolve("double.hlog");
        try (OutputStream out = Files.newOutputStream(file)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            DoubleHistogram h = new DoubleHistogram(3);
            h.recordValue(1.5);
            writer.outputIntervalHistogram(h);
        }
        assertThatThrownBy(() -> HistogramLogs.merge(List.of(file), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("double.hlog");
    }

    /** Fuzzing found HdrHistogram's own exceptions escaping the merge for a log that is not one. */
    @Test
    void aFileThatIsNotAHistogramLogIsRefusedByName() throws IOException {
        Path file = dir.resolve("shard-2.hlog");
        Files.writeString(file, "Tag=connect/TLSv1.2/hello,0.000,1.000,2.000,HISTF!!!not-base64\n");
        assertThatThrownBy(() -> HistogramLogs.merge(List.of(file), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(file + ": not a histogram log");
    }

    private static void write(Path file, long start, long end, long... values) throws IOException {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        h.setTag("connect/TLSv1.2/hello");
        h.setStartTimeStamp(start);
        h.setEndTimeStamp(end);
        try (OutputStream out = Files.newOutputStream(file)) {
            HistogramLogs.write(Map.of(h.getTag(), h), out);
        }
    }
}
