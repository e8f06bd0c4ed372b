package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.metrics.Percentiles;
import io.tlsweep.result.FailureKind;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The handshake benchmark against farm targets: counts, percentiles, coordinated omission, resumption. */
@ExtendWith(TargetFarmExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandshakeBenchTest {
    private static final HandshakeSpec TLS12 = HandshakeSpec.of(TlsProvider.BORINGSSL,
            List.of(ProtocolVersion.TLSv1_2), List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    private HandshakeClient client;
    private HandshakeBench bench;
    private BenchResult closedLoop;

    @BeforeAll
    void start(TargetFarm farm) throws InterruptedException {
        client = new HandshakeClient(Handshakes.config());
        bench = new HandshakeBench(client, Handshakes.config());
        closedLoop = bench.run(BenchPlan.closedLoop(target(farm), TLS12, 4, Duration.ofSeconds(60), 200)
                .keepingRawSamples(1000));
    }

    @AfterAll
    void stop() {
        client.close();
    }

    private static HandshakeTarget target(TargetFarm farm) {
        return Handshakes.target(farm.target("mixed-tls10-12"));
    }

    @Test
    void aPortWhereNothingListensEndsTheRunAfterAFewRefusalsInARow() throws InterruptedException {
        HandshakeTarget closed = HandshakeTarget.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1));
        for (BenchPlan plan : List.of(BenchPlan.closedLoop(closed, TLS12, 3, Duration.ofSeconds(600), Long.MAX_VALUE),
                BenchPlan.fixedRate(closed, TLS12, 1000, 3, Duration.ofSeconds(600), Long.MAX_VALUE))) {
            BenchResult r = bench.run(plan);
            assertThat(r.refused()).as(r.summary()).isTrue();
            assertThat(r.complete()).isTrue();
            assertThat(r.errors()).containsOnlyKeys(FailureKind.CONNECT_REFUSED);
            assertThat(r.started()).as("the refusals, and those in flight when they were counted")
                    .isBetween((long) HandshakeBench.REFUSALS_TO_STOP, HandshakeBench.REFUSALS_TO_STOP + 3L);
        }
        assertThat(closedLoop.refused()).as("a bench that connects").isFalse();
    }

    @Test
    void closedLoopCountsAddUp() {
        BenchResult r = closedLoop;
        assertThat(r.complete()).isTrue();
        assertThat(r.started()).isEqualTo(200);
        assertThat(r.established() + r.failed()).isEqualTo(r.started());
        assertThat(r.established()).as(r.summary()).isEqualTo(200);
        assertThat(r.resumed()).isZero();
        assertThat(r.latency().getTotalCount()).isEqualTo(200);
        assertThat(r.negotiated()).containsEntry("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 200L);
        assertThat(r.handshakesPerSecond()).isPositive();
        assertThat(r.rawLatencies()).hasSize(200);
    }

    /**
     * The histogram's percentiles against an exact computation over the raw samples, with HdrHistogram's
     * own rank rule (the value at rank round(p/100 * n), at least 1): equal up to the histogram's bucket,
     * i.e. within 3 significant digits.
     */
    @Test
    void percentilesMatchTheRawSamples() {
        long[] sorted = closedLoop.rawLatencies().clone();
        Arrays.sort(sorted);
        Histogram h = closedLoop.latency();
        Percentiles p = closedLoop.latencyPercentiles();
        long[][] checks = {{500, p.p50()}, {900, p.p90()}, {990, p.p99()}, {999, p.p999()}};
        for (long[] check : checks) {
            double percentile = check[0] / 10.0;
            int rank = (int) Math.max(1, Math.min(sorted.length, Math.round(percentile / 100 * sorted.length)));
            long exact = sorted[rank - 1];
            assertThat(h.valuesAreEquivalent(check[1], exact)).as("p%s: histogram %d, exact %d", percentile,
                    check[1], exact).isTrue();
            assertThat((double) check[1]).isCloseTo(exact, org.assertj.core.data.Offset.offset(exact / 1000.0 + 1));
        }
        assertThat(h.valuesAreEquivalent(p.max(), sorted[sorted.length - 1])).isTrue();
        assertThat(p.count()).isEqualTo(sorted.length);
    }

    @Test
    void histogramLogReadsBack() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        closedLoop.writeHistogramLog(out);
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));
        Histogram latency = (Histogram) reader.nextIntervalHistogram();
        Histogram service = (Histogram) reader.nextIntervalHistogram();
        assertThat(latency.getTag()).isEqualTo("latency");
        assertThat(service.getTag()).isEqualTo("service-time");
        assertThat(latency.getTotalCount()).isEqualTo(200);
        assertThat(latency.getValueAtPercentile(99)).isEqualTo(closedLoop.latency().getValueAtPercentile(99));
    }

    /**
     * A server made slow (every server flight held 40 ms) and asked for 50 handshakes/s with one slot: each
     * handshake takes over 80 ms, so starts fall behind their schedule. Latency from the intended start grows
     * with the backlog and must exceed the raw service time, which stays near 80 ms.
     */
    @Test
    void fixedRateMeasuresFromTheIntendedStart(TargetFarm farm) throws Exception {
        FarmTarget real = farm.target("mixed-tls10-12");
        try (SlowProxy slow = new SlowProxy(real.address(), 40)) {
            BenchResult r = bench.run(BenchPlan.fixedRate(HandshakeTarget.of(slow.address()), TLS12, 50, 1,
                    Duration.ofSeconds(2), 1000));
            assertThat(r.complete()).isTrue();
            assertThat(r.established()).as(r.summary()).isBetween(10L, 30L);
            assertThat(r.failed()).isZero();
            assertThat(r.notStarted()).as("intended starts that never got a slot").isPositive();
            Percentiles service = r.serviceTimePercentiles();
            Percentiles corrected = r.latencyPercentiles();
            assertThat(service.p50()).isGreaterThanOrEqualTo(80_000);
            assertThat(corrected.p50()).as(r.summary()).isGreaterThan(service.max());
            assertThat(corrected.max()).isGreaterThan(3 * service.max());
        }
    }

    @Test
    void closedLoopOnTheSameSlowServerEqualsServiceTime(TargetFarm farm) throws Exception {
        try (SlowProxy slow = new SlowProxy(farm.target("mixed-tls10-12").address(), 20)) {
            BenchResult r = bench.run(BenchPlan.closedLoop(HandshakeTarget.of(slow.address()), TLS12, 2,
                    Duration.ofSeconds(10), 10));
            assertThat(r.established()).isEqualTo(10);
            assertThat(r.latency().getTotalCount()).isEqualTo(r.serviceTime().getTotalCount());
            assertThat(r.latencyPercentiles().max()).isEqualTo(r.serviceTimePercentiles().max());
        }
    }

    @Test
    void resumptionCountsFullAndResumed(TargetFarm farm) throws InterruptedException {
        BenchResult tls12 = bench.run(BenchPlan.closedLoop(target(farm), TLS12, 1, Duration.ofSeconds(30), 20)
                .withSessions(SessionMode.RESUMABLE));
        assertThat(tls12.established()).as(tls12.summary()).isEqualTo(20);
        assertThat(tls12.resumed()).as(tls12.summary()).isBetween(1L, 19L);
        BenchResult fresh = bench.run(BenchPlan.closedLoop(target(farm), TLS12, 1, Duration.ofSeconds(30), 5));
        assertThat(fresh.resumed()).isZero();
    }
}
