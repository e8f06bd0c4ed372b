package io.tlsweep.engine;

import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.metrics.OutcomeClass;
import io.tlsweep.probe.ProbePlan;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One {@link ScanEngine#run}: pulls targets lazily, hands each to a {@link TargetDriver}, and passes results
 * to the sink. Pulling, the sink and every field here belong to the engine's single coordinator thread, so
 * a slow input or a sink that writes a file never blocks an event loop, and the sink is never called by two
 * threads at once. A target is pulled only when fewer than {@code maxActiveTargets} are between pull and
 * sink, which bounds memory whatever the input size.
 *
 * <p>The sink may return a stage for work that follows a result (a real-stack check, writing its line): the
 * target keeps its place among the {@code maxActiveTargets} until that stage completes, so the follow-on work is
 * bounded with the scan, and the run completes once every stage has.
 *
 * <p>An exception from the iterator or the sink (or a sink's stage completing exceptionally) is not a target's
 * fault: it fails the returned future at once and no further target is pulled (targets already running finish,
 * their results are dropped).
 */
final class EngineRun<T, P extends ProbePlan> {
    private final EngineParts parts;
    private final HandshakeClient handshakes;
    private final Executor coordinator;
    private final Iterator<? extends T> targets;
    private final Function<? super T, Endpoint> endpointOf;
    private final Function<? super T, ? extends P> planner;
    private final Function<? super EngineResult<T, P>, ? extends CompletionStage<?>> sink;
    private final CompletableFuture<RunStats> future = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private final long[] outcomes = new long[OutcomeClass.values().length];
    private int active;
    private boolean exhausted;
    private long done;
    private long failedTargets;
    private long connections;

    EngineRun(EngineParts parts, HandshakeClient handshakes, Executor coordinator, Iterator<? extends T> targets,
            Function<? super T, Endpoint> endpointOf, Function<? super T, ? extends P> planner,
            Function<? super EngineResult<T, P>, ? extends CompletionStage<?>> sink) {
        this.parts = parts;
        this.handshakes = handshakes;
        this.coordinator = coordinator;
        this.targets = targets;
        this.endpointOf = endpointOf;
        this.planner = planner;
        this.sink = sink;
    }

    CompletableFuture<RunStats> begin() {
        coordinator.execute(this::pull);
        return future;
    }

    private void pull() {
        int bound = parts.config().maxActiveTargets();
        while (active < bound && !exhausted && !future.isDone()) {
            T target;
            try {
                if (!targets.hasNext()) {
                    exhausted = true;
                    break;
                }
                target = targets.next();
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
                return;
            }
            active++;
            new TargetDriver<T, P>(this, parts, handshakes, parts.transport().nextLoop(), target)
                    .start(endpointOf, planner);
        }
        if (exhausted && active == 0) {
            future.complete(stats());
        }
    }

    /** Called by a driver, on its loop, when its target is over. */
    void targetEnded(EngineResult<T, P> result, long[] targetOutcomes) {
        coordinator.execute(() -> {
            done++;
            connections += result.connections();
            if (result.status() != EngineResult.Status.DONE) {
                failedTargets++;
            }
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] += targetOutcomes[i];
            }
            if (future.isDone()) {
                active--;
                return;
            }
            CompletableFuture<?> after;
            try {
                after = sink.apply(result).toCompletableFuture();
            } catch (RuntimeException e) {
                active--;
                future.completeExceptionally(e);
                return;
            }
            if (after.isDone()) {
                followedOn(after);
            } else {
                after.whenComplete((x, e) -> coordinator.execute(() -> followedOn(after)));
            }
        });
    }

    /** A target's follow-on work is over: its place goes to the next target. */
    private void followedOn(CompletableFuture<?> after) {
        active--;
        if (after.isCompletedExceptionally() && !future.isDone()) {
            after.whenComplete((x, e) -> future.completeExceptionally(e));
            return;
        }
        pull();
    }

    private RunStats stats() {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (OutcomeClass c : OutcomeClass.values()) {
            if (outcomes[c.ordinal()] > 0) {
                byOutcome.put(c.label(), outcomes[c.ordinal()]);
            }
        }
        return new RunStats(done, failedTargets, connections, byOutcome, System.nanoTime() - startNanos);
    }
}
