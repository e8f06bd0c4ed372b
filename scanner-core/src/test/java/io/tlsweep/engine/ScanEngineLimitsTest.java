package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The engine's politeness and memory limits, counted by the servers and iterators on the other side. */
class ScanEngineLimitsTest {

    @Test
    void perHostConcurrencyHoldsAcrossTargetsAndLoops() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.holdThenAlert(60));
                ScanEngine engine = new ScanEngine(Scans.quick().perHostConnections(3).build())) {
            List<Endpoint> targets = Collections.nCopies(4, Scans.loopback(server.port()));
            Scans.Done<ScriptedPlan> done = Scans.run(engine, targets,
                    e -> new ScriptedPlan(5, ScriptedPlan.Mode.ALL_AT_ONCE));
            assertThat(server.accepted.get()).isEqualTo(20);
            assertThat(server.maxWaiting.get()).isEqualTo(3);
            assertThat(done.stats().hellos("alert")).isEqualTo(20);
        }
    }

    @Test
    void globalInFlightCapHolds() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.holdThenAlert(60));
                ScanEngine engine = new ScanEngine(Scans.quick().maxInFlight(4).perHostConnections(100).build())) {
            List<Endpoint> targets = Collections.nCopies(6, Scans.loopback(server.port()));
            Scans.Done<ScriptedPlan> done = Scans.run(engine, targets,
                    e -> new ScriptedPlan(3, ScriptedPlan.Mode.ALL_AT_ONCE));
            assertThat(done.stats().connections()).isEqualTo(18);
            assertThat(server.maxWaiting.get()).isEqualTo(4);
            assertThat(engine.inFlightAvailable()).isEqualTo(4);
        }
    }

    @Test
    void perHostRateSpacesHellosEvenly() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert());
                ScanEngine engine = new ScanEngine(Scans.quick().perHostRate(20).build())) {
            long start = System.nanoTime();
            Scans.run(engine, Collections.nCopies(2, Scans.loopback(server.port())),
                    e -> new ScriptedPlan(3, ScriptedPlan.Mode.ALL_AT_ONCE));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(server.acceptTimes()).hasSize(6);
            // six hellos at 20/s cannot all have been sent in less than five gaps of 50 ms; the server's accept
            // times are not compared gap by gap, as a loaded machine can delay its accept thread and bunch them
            assertThat(tookMs).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void targetsArePulledOnlyAsCapacityFrees() throws Exception {
        int bound = 3;
        AtomicInteger pulled = new AtomicInteger();
        AtomicInteger sunk = new AtomicInteger();
        AtomicInteger worstAhead = new AtomicInteger();
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.holdThenAlert(5));
                ScanEngine engine = new ScanEngine(Scans.quick().maxActiveTargets(bound).build())) {
            Endpoint endpoint = Scans.loopback(server.port());
            Iterator<Endpoint> input = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pulled.get() < 40;
                }

                @Override
                public Endpoint next() {
                    int ahead = pulled.incrementAndGet() - sunk.get();
                    worstAhead.accumulateAndGet(ahead, Math::max);
                    return endpoint;
                }
            };
            RunStats stats = engine.<Endpoint, ScriptedPlan>run(input, e -> e,
                    e -> new ScriptedPlan(1, ScriptedPlan.Mode.ONE_BY_ONE), r -> sunk.incrementAndGet())
                    .get(20, TimeUnit.SECONDS);
            assertThat(stats.targets()).isEqualTo(40);
            assertThat(worstAhead.get()).isEqualTo(bound);
        }
    }

    @Test
    void aTargetKeepsItsPlaceUntilTheWorkAfterItsResultIsDone() throws Exception {
        int bound = 2;
        AtomicInteger pulled = new AtomicInteger();
        LinkedBlockingQueue<CompletableFuture<Void>> following =
                new LinkedBlockingQueue<>();
        try (ScanEngine engine = new ScanEngine(Scans.quick().maxActiveTargets(bound).build())) {
            Iterator<Integer> input = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pulled.get() < 6;
                }

                @Override
                public Integer next() {
                    return pulled.incrementAndGet();
                }
            };
            CompletableFuture<RunStats> run = engine.<Integer, ScriptedPlan>runThen(input,
                    i -> new Endpoint("127.0.0.1", 1), i -> new ScriptedPlan(0, ScriptedPlan.Mode.ALL_AT_ONCE), r -> {
                        CompletableFuture<Void> after = new CompletableFuture<>();
                        following.add(after);
                        return after;
                    });
            for (int released = 0; released < 6; released++) {
                CompletableFuture<Void> next = following.poll(10, TimeUnit.SECONDS);
                assertThat(next).as("a result reached the sink").isNotNull();
                assertThat(pulled.get()).as("targets pulled while " + released + " follow-ons completed")
                        .isLessThanOrEqualTo(released + bound);
                assertThat(run).isNotDone();
                next.complete(null);
            }
            assertThat(run.get(10, TimeUnit.SECONDS).targets()).isEqualTo(6);
        }
    }

    @Test
    void manyTargetsRunInBoundedMemory() throws Exception {
        int n = 100_000;
        AtomicInteger sunk = new AtomicInteger();
        try (ScanEngine engine = new ScanEngine(Scans.quick().maxActiveTargets(256).build())) {
            Iterator<Integer> input = IntStream.range(0, n).iterator();
            RunStats stats = engine.<Integer, ScriptedPlan>run(input, i -> new Endpoint("127.0.0.1", 1 + i % 60000),
                    i -> new ScriptedPlan(0, ScriptedPlan.Mode.ALL_AT_ONCE), r -> sunk.incrementAndGet())
                    .get(30, TimeUnit.SECONDS);
            assertThat(stats.targets()).isEqualTo(n);
            assertThat(stats.connections()).isZero();
            assertThat(sunk.get()).isEqualTo(n);
        }
    }
}
