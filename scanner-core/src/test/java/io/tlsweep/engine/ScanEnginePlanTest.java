package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.probe.ProbePlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the engine drives plans: order, threads, exactly-once completion, failures of all kinds. */
class ScanEnginePlanTest {

    @Test
    void stepsOneAfterTheOtherAreEachCompletedOnceOnOneThread() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert());
                ScanEngine engine = new ScanEngine(Scans.quick().build())) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, Collections.nCopies(8, Scans.loopback(server.port())),
                    e -> new ScriptedPlan(3, ScriptedPlan.Mode.ONE_BY_ONE));
            assertThat(done.results()).hasSize(8);
            for (EngineResult<Endpoint, ScriptedPlan> r : done.results()) {
                assertThat(r.status()).isEqualTo(EngineResult.Status.DONE);
                assertThat(r.targetFailure()).isEmpty();
                assertThat(r.connections()).isEqualTo(3);
                assertThat(r.address()).contains(InetAddress.getByName("127.0.0.1"));
                assertThat(r.plan().protocolErrors).isEmpty();
                assertThat(r.plan().completeCalls).containsExactly(
                        java.util.Map.entry(0, 1), java.util.Map.entry(1, 1), java.util.Map.entry(2, 1));
                assertThat(r.plan().threads).hasSize(1);
                assertThat(r.plan().threads.iterator().next().getName()).doesNotContain("coordinator");
            }
            assertThat(done.stats().targets()).isEqualTo(8);
            assertThat(done.stats().connections()).isEqualTo(24);
            assertThat(done.stats().hellos("alert")).isEqualTo(24);
            assertThat(engine.metrics().counts().get(io.tlsweep.metrics.OutcomeClass.ALERT)).isEqualTo(24);
        }
    }

    @Test
    void aPlanThatThrowsEndsOnlyItsTargetAsInternalError() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert());
                ScanEngine engine = new ScanEngine(Scans.quick().build())) {
            List<Endpoint> targets = List.of(Scans.loopback(server.port()), new Endpoint("127.0.0.2", server.port()),
                    Scans.loopback(server.port()));
            Scans.Done<ScriptedPlan> done = Scans.run(engine, targets,
                    e -> new ScriptedPlan(3, ScriptedPlan.Mode.ONE_BY_ONE, e.host().equals("127.0.0.2") ? 1 : -1));
            assertThat(done.results()).hasSize(3);
            EngineResult<Endpoint, ScriptedPlan> broken = done.results().stream()
                    .filter(r -> r.target().host().equals("127.0.0.2")).findFirst().orElseThrow();
            assertThat(broken.status()).isEqualTo(EngineResult.Status.PLAN_ERROR);
            assertThat(broken.targetFailure().orElseThrow().kind()).isEqualTo(FailureKind.INTERNAL_ERROR);
            assertThat(broken.targetFailure().orElseThrow().detail()).contains("scripted bug on step 1");
            assertThat(broken.plan().outcomes).hasSize(2);
            assertThat(done.results()).filteredOn(r -> r.status() == EngineResult.Status.DONE).hasSize(2);
            assertThat(done.stats().targetFailures()).isEqualTo(1);
        }
    }

    @Test
    void aPlannerThatThrowsIsAnInternalErrorWithoutPlan() throws Exception {
        try (ScanEngine engine = new ScanEngine(Scans.quick().build())) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, List.of(Scans.loopback(9)), e -> {
                throw new IllegalArgumentException("no plan for you");
            });
            EngineResult<Endpoint, ScriptedPlan> r = done.only();
            assertThat(r.status()).isEqualTo(EngineResult.Status.PLAN_ERROR);
            assertThat(r.plan()).isNull();
            assertThat(r.connections()).isZero();
        }
    }

    @Test
    void aPlanThatStallsIsAnInternalError() throws Exception {
        ProbePlan stalled = new ProbePlan() {
            @Override
            public List<ProbeStep> ready() {
                return List.of();
            }

            @Override
            public void complete(ProbeStep step, ConnectionOutcome outcome) {
            }

            @Override
            public boolean done() {
                return false;
            }
        };
        try (ScanEngine engine = new ScanEngine(Scans.quick().build())) {
            EngineResult<Endpoint, ProbePlan> r = Scans.run(engine, List.of(Scans.loopback(9)), e -> stalled).only();
            assertThat(r.status()).isEqualTo(EngineResult.Status.PLAN_ERROR);
            assertThat(r.targetFailure().orElseThrow().detail()).contains("not done");
        }
    }

    @Test
    void aNameThatDoesNotResolveEndsTheTargetWithoutConnecting() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HostResolver failing = host -> {
            asked.incrementAndGet();
            return CompletableFuture.failedFuture(new UnknownHostException(host + ": no such host (fake)"));
        };
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert());
                ScanEngine engine = new ScanEngine(Scans.quick().resolver(failing).build())) {
            EngineResult<Endpoint, ScriptedPlan> r = Scans.run(engine,
                    List.of(new Endpoint("nowhere.invalid", server.port())),
                    e -> new ScriptedPlan(2, ScriptedPlan.Mode.ALL_AT_ONCE)).only();
            assertThat(r.status()).isEqualTo(EngineResult.Status.DNS_FAILURE);
            assertThat(r.targetFailure().orElseThrow().kind()).isEqualTo(FailureKind.DNS_FAILURE);
            assertThat(r.targetFailure().orElseThrow().detail()).contains("nowhere.invalid");
            assertThat(r.connections()).isZero();
            assertThat(r.address()).isEmpty();
            assertThat(asked.get()).isEqualTo(1);
            assertThat(server.accepted.get()).isZero();
        }
    }

    @Test
    void theDefaultResolverFindsLocalhostInTheHostsFile() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert());
                ScanEngine engine = new ScanEngine(Scans.quick().build())) {
            EngineResult<Endpoint, ScriptedPlan> r = Scans.run(engine, List.of(new Endpoint("localhost", server.port())),
                    e -> new ScriptedPlan(1, ScriptedPlan.Mode.ALL_AT_ONCE)).only();
            assertThat(r.status()).isEqualTo(EngineResult.Status.DONE);
            assertThat(r.address().orElseThrow().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void aDeadEndpointCostsOneConnectNotOnePerStep() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (ScanEngine engine = new ScanEngine(Scans.quick().perHostConnections(1).build())) {
            EngineResult<Endpoint, ScriptedPlan> r = Scans.run(engine, List.of(Scans.loopback(port)),
                    e -> new ScriptedPlan(4, ScriptedPlan.Mode.ALL_AT_ONCE)).only();
            assertThat(r.connections()).isEqualTo(1);
            assertThat(r.plan().completeCalls.values()).containsOnly(1).hasSize(4);
            assertThat(r.plan().outcomes.values()).allSatisfy(o -> assertThat(
                    ((ConnectionOutcome.NoReply) o).failure().kind()).isEqualTo(FailureKind.CONNECT_REFUSED));
        }
    }

    /**
     * With every connection to the endpoint taken, a step of a lower rank offered later goes before the queued
     * steps of a higher rank (the scan's next hello before the profile hellos waiting beside it).
     */
    @Test
    void aLowerRankedStepOvertakesQueuedHigherRankedOnes() throws Exception {
        List<Integer> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProbePlan plan = new ProbePlan() {
            private int round;
            private int open;

            @Override
            public List<ProbeStep> ready() {
                List<ProbeStep> steps = new ArrayList<>();
                if (round == 0) {
                    for (int id : new int[] {10, 11, 12}) {
                        steps.add(new ProbeStep(id, "later check", ScriptedPlan.tls12Hello()));
                    }
                } else if (round == 1) {
                    steps.add(new ProbeStep(1, "earlier check", ScriptedPlan.tls12Hello()));
                }
                round++;
                open += steps.size();
                return steps;
            }

            @Override
            public void complete(ProbeStep step, ConnectionOutcome outcome) {
                sent.add(step.id());
                open--;
            }

            @Override
            public boolean done() {
                return round >= 2 && open == 0;
            }

            @Override
            public int rank(ProbeStep step) {
                return step.id() < 10 ? 0 : 1;
            }
        };
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert());
                ScanEngine engine = new ScanEngine(Scans.quick().perHostConnections(1).build())) {
            List<EngineResult<Endpoint, ProbePlan>> results = new ArrayList<>();
            engine.<Endpoint, ProbePlan>run(List.of(Scans.loopback(server.port())).iterator(), e -> e, e -> plan,
                    results::add).get(10, TimeUnit.SECONDS);
            assertThat(results).singleElement().extracting(EngineResult::status).isEqualTo(EngineResult.Status.DONE);
            assertThat(sent).containsExactly(10, 1, 11, 12);
        }
    }

    @Test
    void aTargetOverBudgetEndsOnTimeAndKeepsWhatItHad() throws Exception {
        try (LoopbackServer alert = LoopbackServer.start(LoopbackServer.alert());
                LoopbackServer silent = LoopbackServer.start(LoopbackServer.silent());
                ScanEngine engine = new ScanEngine(Scans.quick().readTimeout(Duration.ofSeconds(10))
                        .targetBudget(Duration.ofMillis(400)).build())) {
            List<EngineResult<Endpoint, ScriptedPlan>> results = new ArrayList<>();
            long start = System.nanoTime();
            engine.<Endpoint, ScriptedPlan>run(List.of(Scans.loopback(silent.port())).iterator(), e -> e,
                    e -> new ScriptedPlan(3, ScriptedPlan.Mode.ONE_BY_ONE), results::add).get(5, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            EngineResult<Endpoint, ScriptedPlan> r = results.get(0);
            assertThat(r.status()).isEqualTo(EngineResult.Status.BUDGET_EXCEEDED);
            assertThat(r.targetFailure().orElseThrow().detail()).contains("budget of 400 ms");
            assertThat(r.connections()).isEqualTo(1);
            assertThat(r.plan().outcomes).isEmpty();
            assertThat(tookMs).isBetween(400L, 1500L);
            assertThat(engine.inFlightAvailable()).isEqualTo(engine.config().maxInFlight());
        }
    }
}
