package io.tlsweep.cli;

import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.CertificateCheck;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.RunStats;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ResultJson;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.RealStackCheck;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.target.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * One scan into an output directory: each finished target is confirmed with a real TLS handshake (through the
 * scanner's engine, so under the same global cap, per-host cap and rate as the scan; a target keeps its place
 * among the engine's active targets until its line is written, which holds the engine back when they lag), its
 * certificates are checked, and its line is appended to results.jsonl by one writer thread as soon as it is
 * complete, so nothing scanned is lost if the run stops. The HdrHistogram log is checkpointed while scanning and
 * written at the end (with the checkpoints of killed sessions when resuming).
 */
final class ScanRun {
    static final String RESULTS = "results.jsonl";
    static final String HISTOGRAMS = "latency.hlog";

    /**
     * What a finished run reports back to the command.
     *
     * @param unchanged endpoints a re-check found as their baseline says
     * @param unchangedConnections the connections those took
     * @param stopped why the run stopped before its input was exhausted; empty when it ran to the end
     */
    record Outcome(long targets, long connections, long failOnMet, double seconds, long unchanged,
            long unchangedConnections, Optional<RunStop.Reason> stopped) {
    }

    /**
     * What to do for every target.
     *
     * @param realStackCheck confirm each endpoint with one real TLS handshake (and take the TLS 1.3 chain from it)
     * @param journal when resuming: the targets already in results.jsonl, which are skipped, and results are
     *     appended to the file instead of replacing it
     */
    record Job(EngineConfig config, ScanOptions options, ClientOptions.Settings clients, ChainPolicy certificates,
            boolean realStackCheck, boolean confirmEachVersion, List<FailOn> failOn, Optional<Journal> journal,
            Optional<BaselineIndex> baseline, boolean legacyWatch) {

        Job {
            failOn = List.copyOf(failOn);
        }

        static Job of(EngineConfig config, ScanOptions options, ClientOptions.Settings clients,
                ChainPolicy certificates) {
            return new Job(config, options, clients, certificates, true, false, List.of(), Optional.empty(),
                    Optional.empty(), false);
        }

        Job confirmEachVersion(boolean on) {
            return new Job(config, options, clients, certificates, realStackCheck, on, failOn, journal, baseline,
                    legacyWatch);
        }

        Job realStackCheck(boolean on) {
            return new Job(config, options, clients, certificates, on, confirmEachVersion, failOn, journal, baseline,
                    legacyWatch);
        }

        Job failOn(List<FailOn> conditions) {
            return new Job(config, options, clients, certificates, realStackCheck, confirmEachVersion, conditions,
                    journal, baseline, legacyWatch);
        }

        Job resume(Journal finished) {
            return new Job(config, options, clients, certificates, realStackCheck, confirmEachVersion, failOn,
                    Optional.of(finished), baseline, legacyWatch);
        }

        /** Re-check every target with a line in {@code index}; scan the others (and the changed) in full. */
        Job recheck(BaselineIndex index, boolean watchLegacy) {
            return new Job(config, options, clients, certificates, realStackCheck, confirmEachVersion, failOn,
                    journal, Optional.of(index), watchLegacy);
        }
    }

    private ScanRun() {
    }

    /**
     * Scans {@code targets} into {@code outputDir}. When {@code stop} is stopped (by the caller, or here when
     * results.jsonl or the latency checkpoint cannot be written) the scan ends at once: no further target is
     * pulled, connections are closed, results already queued are written unless writing is what failed, and the
     * journal is left for {@code --resume}.
     */
    static Outcome run(Iterator<Target> targets, Job job, Path outputDir, Progress progress, RunStop stop)
            throws IOException {
        EngineConfig config = job.config();
        ScanOptions options = job.options();
        ClientOptions.Settings clients = job.clients();
        ChainPolicy certificates = job.certificates();
        boolean confirmEachVersion = job.confirmEachVersion();
        List<FailOn> failOn = job.failOn();
        if (job.journal().isPresent()) {
            targets = job.journal().get().unfinished(targets);
        }
        Files.createDirectories(outputDir);
        AtomicLong done = new AtomicLong();
        AtomicLong met = new AtomicLong();
        AtomicLong unchangedCount = new AtomicLong();
        AtomicLong unchangedConnections = new AtomicLong();
        AtomicLong connections = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "tlsweep-writer"));
        Path resultsFile = outputDir.resolve(RESULTS);
        RunStats stats = null;
        try (OutputStream file = job.journal().isPresent()
                        ? Files.newOutputStream(outputDir.resolve(RESULTS), StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND)
                        : Files.newOutputStream(outputDir.resolve(RESULTS));
                JsonLinesWriter json = new JsonLinesWriter(file);
                TlsScanner scanner = new TlsScanner(config, options, clients.profiles(), clients.profilesOnly());
                LatencyLog latency = LatencyLog.start(outputDir, scanner.metrics(), job.journal().isPresent(),
                        stop)) {
            RealStackCheck check = new RealStackCheck(scanner.handshakes());
            BiFunction<TargetResult, Boolean, CompletionStage<?>> sink = (r, unchanged) -> {
                connections.addAndGet(r.connections());
                if (stop.stopped()) {
                    return CompletableFuture.completedFuture(null);
                }
                if (unchanged) {
                    ResultJson before = job.baseline().orElseThrow().line(r.target()).orElseThrow();
                    writer.execute(() -> {
                        ResultJson carried = job.baseline().get().unchanged(before, r.connections(),
                                r.elapsedMillis(), certificates, Instant.now());
                        if (!write(json, carried, resultsFile, stop)) {
                            return;
                        }
                        if (FailOn.anyMet(failOn, carried)) {
                            met.incrementAndGet();
                        }
                        unchangedCount.incrementAndGet();
                        unchangedConnections.addAndGet(r.connections());
                        done.incrementAndGet();
                        progress.step();
                    });
                    return CompletableFuture.completedFuture(null);
                }
                CompletableFuture<Void> written = new CompletableFuture<>();
                CompletionStage<List<Confirmation>> confirmed = job.realStackCheck()
                        ? confirmations(check, r, confirmEachVersion)
                        : CompletableFuture.completedFuture(List.of());
                confirmed.whenComplete((found, failure) -> writer.execute(() -> {
                    try {
                        ClientImpact impact = impact(r, options, clients);
                        Assessment a = Readiness.assess(r, impact);
                        List<Confirmation> each = found == null ? List.of() : found;
                        Optional<Confirmation> best = each.isEmpty() ? Optional.empty()
                                : Optional.ofNullable(each.get(each.size() - 1));
                        if (!write(json, line(r, a, best, confirmEachVersion ? each : List.of(), certificates,
                                impact), resultsFile, stop)) {
                            return;
                        }
                        if (FailOn.anyMet(failOn, a)) {
                            met.incrementAndGet();
                        }
                        done.incrementAndGet();
                        progress.step();
                    } finally {
                        written.complete(null);
                    }
                }));
                return written;
            };
            Iterator<Target> pulled = untilStopped(targets, stop);
            CompletableFuture<RunStats> scanning = job.baseline().isPresent()
                    ? scanner.recheck(pulled, t -> job.baseline().get().baseline(t), job.legacyWatch(), sink)
                    : scanner.scanThen(pulled, r -> sink.apply(r, false));
            CompletableFuture.anyOf(scanning, stop.whenStopped()).join();
            if (!stop.stopped()) {
                stats = scanning.join();
            }
            writer.shutdown();
            awaitWriter(writer);
            if (!stop.stopped()) {
                latency.finish(outputDir.resolve(HISTOGRAMS));
            } else if (stop.reason().orElseThrow() instanceof RunStop.Interrupted) {
                latency.checkpointQuietly();
            }
        } finally {
            writer.shutdownNow();
        }
        return new Outcome(done.get(), stats == null ? connections.get() : stats.connections(), met.get(),
                (System.nanoTime() - started) / 1e9, unchangedCount.get(), unchangedConnections.get(), stop.reason());
    }

    /**
     * Writes one line; a failure stops the run (one reason, no stack trace) and every later line is dropped, so
     * results.jsonl ends with whole lines and at most one cut line, which {@code --resume} repairs.
     */
    private static boolean write(JsonLinesWriter json, ResultJson line, Path file, RunStop stop) {
        if (stop.reason().orElse(null) instanceof RunStop.WriteFailed) {
            return false;
        }
        try {
            json.write(line);
            return true;
        } catch (UncheckedIOException e) {
            stop.stop(new RunStop.WriteFailed(file, e.getCause()));
            return false;
        }
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

    /** The best version's confirmation alone, or one per accepted version (oldest first, best last). */
    private static CompletionStage<List<Confirmation>> confirmations(RealStackCheck check, TargetResult r,
            boolean eachVersion) {
        if (eachVersion) {
            return check.confirmEachVersion(r);
        }
        return check.confirm(r).thenApply(c -> c == null ? List.of() : List.of(c));
    }

    /**
     * The profiles against this endpoint: predicted and confirmed after a full scan; only what their hellos got
     * when the scan did not enumerate suites.
     */
    private static ClientImpact impact(TargetResult r, ScanOptions options, ClientOptions.Settings clients) {
        if (clients.profiles().isEmpty() || (r.protocols().isEmpty() && r.profileHellos().isEmpty())) {
            // nothing answered a hello (closed, silent, not TLS): every client fails alike, the failure says how
            return ClientImpact.none();
        }
        if (r.status() == ScanStatus.INCONSISTENT) {
            return ClientImpact.observedOnly(r, clients.profiles(), "the endpoint's answers contradict each other:"
                    + " nothing is predicted from them");
        }
        if (clients.profilesOnly()) {
            return ClientImpact.observedOnly(r, clients.profiles(), "profiles-only: nothing was enumerated to"
                    + " predict from");
        }
        if (!options.enumerateSuites()) {
            return ClientImpact.observedOnly(r, clients.profiles(), "versions-only: suites were not enumerated");
        }
        return ClientImpact.of(r, clients.profiles(), clients.assumption());
    }

    private static ResultJson line(TargetResult r, Assessment a, Optional<Confirmation> confirmation,
            List<Confirmation> perVersion, ChainPolicy certificates, ClientImpact impact) {
        List<byte[]> chain = !r.certificateChain().isEmpty() ? r.certificateChain()
                : confirmation.map(Confirmation::chain).orElse(List.of());
        return ResultJson.of(r, a, CertificateCheck.of(r, chain, certificates, Instant.now()), confirmation,
                perVersion, impact);
    }

    private static void awaitWriter(ExecutorService writer) {
        try {
            if (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("results writer did not finish within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing results", e);
        }
    }
}
