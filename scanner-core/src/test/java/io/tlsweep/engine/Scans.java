package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.probe.ProbePlan;
import io.tlsweep.result.ConnectionOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Runs an engine over endpoints in a test, bounded in time, and keeps what the sink got. */
final class Scans {
    private Scans() {
    }

    record Done<P extends ProbePlan>(RunStats stats, List<EngineResult<Endpoint, P>> results) {
        EngineResult<Endpoint, P> only() {
            assertThat(results).hasSize(1);
            return results.get(0);
        }
    }

    static EngineConfig.Builder quick() {
        return EngineConfig.builder().connectTimeout(java.time.Duration.ofSeconds(1))
                .readTimeout(java.time.Duration.ofSeconds(1)).eventLoopThreads(2);
    }

    static Endpoint loopback(int port) {
        return new Endpoint("127.0.0.1", port);
    }

    static <P extends ProbePlan> Done<P> run(ScanEngine engine, List<Endpoint> targets,
            Function<Endpoint, P> planner) throws Exception {
        List<EngineResult<Endpoint, P>> results = Collections.synchronizedList(new ArrayList<>());
        RunStats stats = engine.<Endpoint, P>run(targets.iterator(), e -> e, planner, results::add)
                .get(20, TimeUnit.SECONDS);
        return new Done<>(stats, List.copyOf(results));
    }

    /** One target, one hello: its single outcome. */
    static ConnectionOutcome oneHello(EngineConfig config, int port) throws Exception {
        try (ScanEngine engine = new ScanEngine(config)) {
            Done<ScriptedPlan> done = run(engine, List.of(loopback(port)),
                    e -> new ScriptedPlan(1, ScriptedPlan.Mode.ONE_BY_ONE));
            ScriptedPlan plan = done.only().plan();
            assertThat(plan.protocolErrors).isEmpty();
            assertThat(plan.outcomes).hasSize(1);
            return plan.outcomes.get(0);
        }
    }
}
