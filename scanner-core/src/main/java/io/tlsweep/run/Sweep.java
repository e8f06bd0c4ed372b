package io.tlsweep.run;

import io.tlsweep.report.InputJson;
import io.tlsweep.report.Listing;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.prometheus.PrometheusTextfile;
import io.tlsweep.report.prometheus.RunMetrics;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of a sweep under its output root ({@link RunStore}): the run directory it writes (a new one, or the
 * newest incomplete one when resuming), its baseline (the previous complete run), the re-check index of that
 * baseline, and what the run leaves when it ends: drift, input.json, the reports, tlsweep.prom, run.json
 * marked complete, {@code latest} pointed at it and old runs pruned.
 */
public final class Sweep implements Closeable {
    private final RunStore store;
    private final RunStore.Run run;
    private final Optional<Journal> journal;
    private final Optional<RunStore.Run> baseline;
    private final Instant started;
    private BaselineIndex index;

    private Sweep(RunStore store, RunStore.Run run, Optional<Journal> journal, Instant started) throws IOException {
        this.store = store;
        this.run = run;
        this.journal = journal;
        this.baseline = store.baselineOf(run.id());
        this.started = started;
    }

    /**
     * The run this invocation writes: with {@code resume} the newest incomplete run (or a new one when there is
     * none), else a new run. What it finds (a resumed run's count, a repaired journal, no run to resume) goes to
     * {@code notes}, as do the lines of the resumed journal that cannot be read.
     *
     * @param configFile the sweep file, as run.json names it
     */
    public static Sweep open(RunStore store, Instant started, SweepConfig.Mode mode, boolean resume, Path configFile,
            Consumer<String> notes) throws IOException {
        Optional<RunStore.Run> open = resume ? store.newestIncomplete() : Optional.empty();
        if (open.isEmpty()) {
            if (resume) {
                notes.accept("--resume: no incomplete run under " + store.root() + "; starting a new one");
            }
            RunStore.Run created = store.create(started, new RunStore.RunMeta(null, null, null, false, mode.label(),
                    store.newestComplete().map(RunStore.Run::id).orElse(null),
                    configFile.toAbsolutePath().toString(), null, null, null, 1));
            return new Sweep(store, created, Optional.empty(), started);
        }
        RunStore.Run run = open.get();
        Path results = run.dir().resolve(Journal.FILE);
        Journal journal = Journal.open(results, notes);
        if (!journal.repaired().isEmpty()) {
            notes.accept(results + ": " + journal.repaired());
        }
        notes.accept(String.format("resuming run %s: %d target(s) already done", run.id(), journal.finishedCount()));
        RunStore.writeMeta(run.dir(), run.meta().orElse(new RunStore.RunMeta(run.id(), started.toString(), null,
                false, mode.label(), null, configFile.toString(), null, null, null, 1)).resumed());
        return new Sweep(store, run, Optional.of(journal), started);
    }

    public RunStore.Run run() {
        return run;
    }

    /** The previous complete run, which this one is compared with (and re-checked against). */
    public Optional<RunStore.Run> baseline() {
        return baseline;
    }

    /**
     * What the run does for every target: {@code settings} in {@code mode} into the run directory, resuming
     * when the run was, and, in re-check mode, re-checking against the baseline (a note says so when there is
     * none yet: everything is scanned in full).
     */
    public RunConfig config(SweepSettings settings, SweepConfig.Mode mode, SweepConfig file, List<FailOn> failOn,
            Consumer<String> notes) throws IOException {
        RunConfig config = RunConfig.of(settings.engine(), settings.options(mode), settings.clients(),
                settings.certificates(), run.dir())
                .realStackCheck(file.realStackCheck() == null || file.realStackCheck())
                .failOn(failOn).preludes(file.preludes()).checks(settings.registry());
        if (journal.isPresent()) {
            config = config.resume(journal.get());
        }
        if (mode == SweepConfig.Mode.RECHECK) {
            if (baseline.isEmpty()) {
                notes.accept("recheck: no complete baseline run yet; scanning everything in full");
            } else {
                index = BaselineIndex.open(baseline.get().dir().resolve(Journal.FILE), baseline.get().id());
                config = config.recheck(index, file.recheckLegacy() == null || file.recheckLegacy());
            }
        }
        return config;
    }

    /**
     * Compares the run with its baseline: drift.json and drift.txt in the run directory (report.html shows them).
     * Without a baseline there is no drift, and a stale drift.json is removed.
     */
    public Optional<Drift> drift(Consumer<String> errors) throws IOException {
        if (baseline.isEmpty()) {
            RunDrift.none(run.dir());
            return Optional.empty();
        }
        return Optional.of(RunDrift.compare(baseline.get().dir(), baseline.get().id(), run.dir(), run.id(), errors));
    }

    /**
     * What a finished sweep run reports.
     *
     * @param targets endpoints in the run, this session's and those finished before it was resumed
     * @param pruned the ids of the old runs deleted
     */
    public record Finished(long targets, List<String> pruned) {
    }

    /**
     * Finishes a run that was not stopped: input.json, the reports (and the verdict table to {@code table}),
     * tlsweep.prom, run.json marked complete, {@code latest} pointed at the run, then the oldest complete runs
     * beyond {@code retention} deleted.
     *
     * @param input the duplicates the run dropped and its input errors, for input.json
     * @param tlsweepVersion and {@code commandLine}: what the reports say made the run
     * @param listing which endpoints the reports and the table list
     */
    public Finished finish(RunOutcome outcome, InputJson input, Optional<Drift> drift, String tlsweepVersion,
            String commandLine, Optional<PrintWriter> table, int retention, Consumer<String> errors, Listing listing)
            throws IOException {
        input.write(run.dir());
        Instant finished = Instant.now();
        Duration took = Duration.between(started, finished);
        RunReports.rebuild(run.dir(), new RunInfo(started, took, tlsweepVersion, commandLine), table, errors,
                listing);
        PrometheusTextfile.write(RunMetrics.of(run.dir(), run.id(), "", started, took, drift.map(Drift::counts)),
                run.dir().resolve(PrometheusTextfile.FILE_NAME));
        long total = journal.map(Journal::finishedCount).orElse(0L) + outcome.targets();
        RunStore.writeMeta(run.dir(), RunStore.readMeta(run.dir()).orElseThrow().finish(finished, total,
                outcome.connections()));
        store.pointLatestAt(run);
        return new Finished(total, store.prune(retention));
    }

    /** Closes the baseline's re-check index, when one was opened. */
    @Override
    public void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }
}
