package io.tlsweep.run;

import io.tlsweep.engine.RunStats;
import io.tlsweep.check.Checks;
import io.tlsweep.report.ResultJson;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.input.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scan into an output directory, from targets to results.jsonl: each target is scanned (or re-checked
 * against its baseline), confirmed with a real TLS handshake ({@link RealStackStage}), assessed and made a line
 * ({@link ResultLine}), and its line is appended to results.jsonl by one writer thread as soon as it is
 * complete, so nothing scanned is lost if the run stops. The HdrHistogram log is checkpointed while scanning and
 * written at the end (with the checkpoints of killed sessions when resuming).
 */
public final class ScanRun {
    public static final String RESULTS = Journal.FILE;
    public static final String HISTOGRAMS = LatencyLog.FILE;

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private ScanRun() {
    }

    /** What the run has done so far, counted from the scanner's and the writer's threads. */
    private static final class Counts {
        final AtomicLong done = new AtomicLong();
        final AtomicLong met = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong unchangedConnections = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
    }

    /**
     * Scans {@code targets} as {@code config} says. {@code progress} runs once per target written. When
     * {@code stop} is stopped (by the caller, or here when results.jsonl or the latency checkpoint cannot be
     * written) the scan ends at once: no further target is pulled, connections are closed, results already queued
     * are written unless writing is what failed, and the journal is left for {@code --resume}.
     */
    public static RunOutcome run(Iterator<Target> targets, RunConfig config, Runnable progress, RunStop stop)
            throws IOException {
        Path outputDir = config.outputDir();
        boolean resuming = config.journal().isPresent();
        if (resuming) {
            targets = config.journal().get().unfinished(targets);
        }
        Files.createDirectories(outputDir);
        Counts counts = new Counts();
        long started = System.nanoTime();
        RunStats stats = null;
        try (ResultWriter writer = ResultWriter.open(outputDir.resolve(RESULTS), resuming, stop);
                TlsScanner scanner = new TlsScanner(config.engine(), config.options(), config.clients().profiles(),
                        config.clients().profilesOnly(), config.checks(), config.preludes());
                LatencyLog latency = LatencyLog.start(outputDir, scanner.metrics(), resuming, stop)) {
            RealStackStage realStack = new RealStackStage(scanner, config.realStackCheck(),
                    config.confirmEachVersion());
            Iterator<Target> pulled = untilStopped(targets, stop);
            CompletableFuture<RunStats> scanning = config.baseline().isPresent()
                    ? scanner.recheck(pulled, t -> config.baseline().get().baseline(t), config.legacyWatch(),
                            (r, unchanged) -> finished(r, unchanged, config, scanner.checks(), writer, realStack,
                                    counts, progress, stop))
                    : scanner.scanThen(pulled, r -> finished(r, false, config, scanner.checks(), writer, realStack,
                            counts, progress, stop));
            CompletableFuture.anyOf(scanning, stop.whenStopped()).join();
            if (!stop.stopped()) {
                stats = scanning.join();
            }
            writer.finish();
            if (!stop.stopped()) {
                latency.finish(outputDir.resolve(HISTOGRAMS));
            } else if (stop.reason().orElseThrow() instanceof RunStop.Interrupted) {
                latency.checkpointQuietly();
            }
        }
        return new RunOutcome(counts.done.get(), stats == null ? counts.connections.get() : stats.connections(),
                counts.met.get(), (System.nanoTime() - started) / 1e9, counts.unchanged.get(),
                counts.unchangedConnections.get(), stop.reason());
    }

    /**
     * A target the scanner is done with: a re-check that found it unchanged carries its baseline line over;
     * any other goes through the real-stack stage to its line. The returned stage completes once its line is
     * written (or the run is stopped): until then the target keeps its place among the engine's active targets.
     */
    private static CompletionStage<?> finished(TargetResult r, boolean unchanged, RunConfig config, Checks checks,
            ResultWriter writer, RealStackStage realStack, Counts counts, Runnable progress, RunStop stop) {
        counts.connections.addAndGet(r.connections());
        if (stop.stopped()) {
            return DONE;
        }
        if (unchanged) {
            BaselineIndex baseline = config.baseline().orElseThrow();
            ResultJson before = baseline.line(r.target()).orElseThrow();
            writer.execute(() -> {
                ResultJson carried = baseline.unchanged(before, r.connections(), r.elapsedMillis(),
                        config.certificates(), Instant.now());
                if (!writer.write(carried)) {
                    return;
                }
                if (FailOn.anyMet(config.failOn(), carried)) {
                    counts.met.incrementAndGet();
                }
                counts.unchanged.incrementAndGet();
                counts.unchangedConnections.addAndGet(r.connections());
                counts.done.incrementAndGet();
                progress.run();
            });
            return DONE;
        }
        return realStack.confirm(r, writer, confirmations -> {
            ResultLine line = ResultLine.of(r, confirmations, config, checks);
            if (!writer.write(line.json())) {
                return;
            }
            if (FailOn.anyMet(config.failOn(), line.json())) {
                counts.met.incrementAndGet();
            }
            counts.done.incrementAndGet();
            progress.run();
        });
    }

    /** {@code targets} until the run is stopped: then no further target is pulled. */
    private static Iterator<Target> untilStopped(Iterator<Target> targets, RunStop stop) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !stop.stopped() && targets.hasNext();
            }

            @Override
            public Target next() {
                return targets.next();
            }
        };
    }
}
