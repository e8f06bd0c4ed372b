package io.tlsweep.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

class ScanMetricsTest {
    private static final ConnectionOutcome.Replied ALERT = new ConnectionOutcome.Replied(
            new ServerResponse.Alert(2, AlertDescription.of(40), true), new Timings(1_000_000, 2_000_000, 2_100_000));

    private static ConnectionOutcome alertAfter(long connectNanos, long firstByteNanos) {
        return new ConnectionOutcome.Replied(ALERT.response(), new Timings(connectNanos, firstByteNanos,
                firstByteNanos + 10));
    }

    @Test
    void countsAndPercentilesPerVersionAndOutcome() {
        ScanMetrics m = new ScanMetrics();
        for (int i = 1; i <= 1000; i++) {
            m.record(ProtocolVersion.TLSv1_2, alertAfter(i * 1000L, i * 2000L));
        }
        m.record(ProtocolVersion.TLSv1_3, new ConnectionOutcome.NoReply(
                Failure.of(FailureKind.READ_TIMEOUT, "no reply"), new Timings(5000, -1, 3_000_000_000L)));
        m.record(ProtocolVersion.TLSv1_3, new ConnectionOutcome.NoReply(
                Failure.of(FailureKind.CONNECT_REFUSED, "refused"), new Timings(-1, -1, 1000)));

        assertThat(m.counts()).containsEntry(OutcomeClass.ALERT, 1000L).containsEntry(OutcomeClass.READ_TIMEOUT, 1L)
                .containsEntry(OutcomeClass.CONNECT_REFUSED, 1L).containsEntry(OutcomeClass.HELLO, 0L);
        Map<SeriesKey, Percentiles> snap = m.snapshot();
        Percentiles connect = snap.get(new SeriesKey(SeriesKey.Measure.CONNECT, ProtocolVersion.TLSv1_2,
                OutcomeClass.ALERT));
        assertThat(connect.count()).isEqualTo(1000);
        assertThat(connect.p50()).isEqualTo(500); // microseconds
        assertThat(connect.p99()).isEqualTo(990);
        assertThat(connect.max()).isEqualTo(1000);
        assertThat(snap.get(new SeriesKey(SeriesKey.Measure.FIRST_REPLY, ProtocolVersion.TLSv1_2,
                OutcomeClass.ALERT)).p50()).isEqualTo(1000);
        assertThat(snap).containsKey(new SeriesKey(SeriesKey.Measure.CONNECT, ProtocolVersion.TLSv1_3,
                OutcomeClass.READ_TIMEOUT));
        assertThat(snap).doesNotContainKey(new SeriesKey(SeriesKey.Measure.FIRST_REPLY, ProtocolVersion.TLSv1_3,
                OutcomeClass.READ_TIMEOUT));
        assertThat(m.snapshot()).isEqualTo(snap); // cumulative: a second look sees the same
    }

    @Test
    void recordingFromManyThreadsLosesNothing() throws Exception {
        ScanMetrics m = new ScanMetrics();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    // values over nine decades, so that the histograms resize while others record
                    long nanos = 1000L << (i % 30);
                    m.record(ProtocolVersion.TLSv1_2, alertAfter(nanos, nanos));
                    if (i % 1000 == 0) {
                        m.snapshot();
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("recording finished").isTrue();
        assertThat(m.counts().get(OutcomeClass.ALERT)).isEqualTo(40_000);
        assertThat(m.snapshot().get(new SeriesKey(SeriesKey.Measure.CONNECT, ProtocolVersion.TLSv1_2,
                OutcomeClass.ALERT)).count()).isEqualTo(40_000);
    }

    @Test
    void theHistogramLogReadsBackWithHdrHistogramsOwnReader() {
        ScanMetrics m = new ScanMetrics();
        for (int i = 0; i < 100; i++) {
            m.record(ProtocolVersion.TLSv1_2, ALERT);
        }
        m.record(ProtocolVersion.TLSv1_0, alertAfter(7000, 9000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeLog(out);

        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
        Map<String, Histogram> byTag = new HashMap<>();
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            byTag.put(h.getTag(), (Histogram) h);
        }
        assertThat(byTag).containsOnlyKeys("connect/TLSv1.2/alert", "first-reply/TLSv1.2/alert",
                "connect/TLSv1.0/alert", "first-reply/TLSv1.0/alert");
        assertThat(byTag.get("connect/TLSv1.2/alert").getTotalCount()).isEqualTo(100);
        assertThat(byTag.get("connect/TLSv1.2/alert").getValueAtPercentile(50)).isEqualTo(1000);
        assertThat(byTag.get("first-reply/TLSv1.0/alert").getMaxValue()).isEqualTo(9);
    }

    @Test
    void everyFailureKindHasAnOutcomeClassWithTheSameLabel() {
        for (FailureKind kind : FailureKind.values()) {
            assertThat(OutcomeClass.of(kind).label()).isEqualTo(kind.label());
        }
    }
}
