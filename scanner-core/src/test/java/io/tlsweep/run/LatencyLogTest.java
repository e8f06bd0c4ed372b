package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.report.Latency;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.ProtocolVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed session's checkpoint is kept on resume and added up exactly into the finished run's latency.hlog. */
class LatencyLogTest {
    @TempDir
    Path dir;

    private static void record(ScanMetrics m, int n, long connectMicros) {
        for (int i = 0; i < n; i++) {
            m.record(ProtocolVersion.TLSv1_2, new ConnectionOutcome.NoReply(Failure.of(FailureKind.RESET_BEFORE_REPLY,
                    "reset"), new Timings((connectMicros + i) * 1000, -1, (connectMicros + i) * 1000)));
        }
    }

    @Test
    void aKilledSessionsCheckpointIsAddedToTheResumedRun() throws Exception {
        ScanMetrics killed = new ScanMetrics();
        LatencyLog first = LatencyLog.start(dir, killed, false, new RunStop());
        record(killed, 300, 1_000);
        first.checkpoint();
        first.close(); // the process dies here: no finish
        assertThat(dir.resolve(LatencyLog.PARTIAL)).exists();

        ScanMetrics resumed = new ScanMetrics();
        LatencyLog second = LatencyLog.start(dir, resumed, true, new RunStop());
        record(resumed, 200, 5_000);
        second.finish(dir.resolve("latency.hlog"));

        Map<String, Histogram> merged = Latency.readIfPresent(dir.resolve("latency.hlog")).histograms();
        Histogram connect = merged.get("connect/TLSv1.2/reset-before-reply");
        assertThat(connect.getTotalCount()).isEqualTo(500);
        assertThat(connect.getMinValue()).isEqualTo(1_000);
        assertThat(connect.getMaxValue()).isBetween(5_199L, 5_203L);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("latency.hlog");
        }
    }

    @Test
    void aNewRunDropsStaleCheckpoints() throws Exception {
        Files.writeString(dir.resolve(LatencyLog.PARTIAL), "stale");
        Files.writeString(dir.resolve(LatencyLog.SESSION_PREFIX + "1.hlog"), "stale");
        ScanMetrics m = new ScanMetrics();
        record(m, 10, 2_000);
        LatencyLog log = LatencyLog.start(dir, m, false, new RunStop());
        log.finish(dir.resolve("latency.hlog"));
        assertThat(Latency.readIfPresent(dir.resolve("latency.hlog")).histograms()
                .get("connect/TLSv1.2/reset-before-reply").getTotalCount()).isEqualTo(10);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("latency.hlog");
        }
    }
}
