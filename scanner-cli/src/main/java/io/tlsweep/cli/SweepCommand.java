package io.tlsweep.cli;

import io.tlsweep.run.FailOn;
import io.tlsweep.run.DriftFailOn;
import io.tlsweep.run.OutputLock;
import io.tlsweep.run.Journal;
import io.tlsweep.run.RunStore;
import io.tlsweep.run.BaselineIndex;
import io.tlsweep.run.ProfileSettings;
import io.tlsweep.run.RunConfig;
import io.tlsweep.run.RunDrift;
import io.tlsweep.run.RunOutcome;
import io.tlsweep.run.RunReports;
import io.tlsweep.run.ScanRun;
import io.tlsweep.analysis.Assumption;
import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileCatalog;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftText;
import io.tlsweep.report.prometheus.PrometheusTextfile;
import io.tlsweep.report.prometheus.RunMetrics;
import io.tlsweep.report.InputJson;
import io.tlsweep.target.DistinctTargets;
import io.tlsweep.target.InputError;
import io.tlsweep.target.Scope;
import io.tlsweep.target.TargetSource;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlsweep sweep}: one scheduled run of a sweep configuration into a new run directory, compared with the
 * previous complete run (the baseline); resumable after a kill.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a sweep from its configuration file: scan into OUTPUT/runs/<start time>/ with every"
                + " report, compare with the previous complete run (drift.json, drift.txt, a section of"
                + " report.html), write tlsweep.prom for node_exporter, point OUTPUT/latest at the run and keep"
                + " `retention` runs. A killed run is finished with --resume.",
        footer = {"", "Modes (`mode:` in the file, or --mode):",
            "  full           every version, suite, order and group (and the client profiles)",
            "  versions-only  one accepted suite per version: a cheap first pass",
            "  recheck        per endpoint of the baseline: one hello per accepted version (that version and",
            "                 the same first choice are expected, so a version switched off or on, or a new",
            "                 first choice, shows), one offering only the suites not accepted before (a refusal",
            "                 is expected) and, with recheckLegacy, one just below the oldest version (a refusal",
            "                 is expected); only an endpoint that answers otherwise is scanned in full.",
            "", "Exit codes: 0 nothing met, 1 a --fail-on condition met (scan conditions, drift or drift:CLASS),",
            "2 configuration or input error (the valid targets are still scanned), 3 runtime failure.",
            "", "Example:", "  tlsweep sweep --config /etc/tlsweep/sweep.yaml --fail-on drift:legacy"})
final class SweepCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The sweep configuration"
            + " (YAML).")
    private Path configFile;

    @Option(names = "--resume", description = "Finish the newest run that did not complete, scanning only the"
            + " targets it has no result for.")
    private boolean resume;

    @Option(names = "--mode", paramLabel = "MODE", description = "Override the file's mode: full, versions-only,"
            + " recheck.")
    private String mode;

    @Option(names = "--fail-on", split = ",", paramLabel = "CONDITION", description = "Override the file's failOn:"
            + " scan conditions (breaks, legacy, weak, ...) and drift, drift:CLASS (drift:legacy...).")
    private List<String> failOn;

    @Option(names = {"-q", "--quiet"}, description = "No table on stdout, no progress on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SweepConfig config;
        SweepConfig.Mode runMode;
        try {
            config = SweepConfig.read(configFile);
            runMode = mode == null ? config.mode(configFile) : SweepConfig.parseMode(mode, Path.of("--mode"));
        } catch (SweepConfig.BadConfig e) {
            err.println("tlsweep sweep: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<String> conditions = failOn != null ? failOn : config.failOn() == null ? List.of() : config.failOn();
        List<FailOn> scanConditions = new ArrayList<>();
        List<DriftFailOn> driftConditions = new ArrayList<>();
        for (String c : conditions) {
            try {
                if (DriftFailOn.isDrift(c)) {
                    driftConditions.add(DriftFailOn.parseOne(c.trim()));
                } else {
                    scanConditions.add(FailOn.parse(c));
                }
            } catch (RuntimeException e) {
                err.println("tlsweep sweep: failOn: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Optional<Settings> settings = settings(config, err);
        if (settings.isEmpty()) {
            return ExitCodes.USAGE;
        }
        long counted;
        try (TargetSource counting = source(config, e -> { }).build()) {
            counted = DistinctTargets.countUpTo(counting, config.maxTargetsOrDefault());
        }
        if (ScopeOptions.refuses(counted, config.maxTargetsOrDefault(), err, "tlsweep sweep",
                "maxTargets: N in " + configFile)) {
            return ExitCodes.USAGE;
        }
        RunStore store = new RunStore(config.resolve(configFile, config.output()));
        try (RunGuard guard = RunGuard.enter(store.root(), "tlsweep sweep --config " + configFile)) {
            return sweep(guard, config, store, runMode, settings.get(), scanConditions, driftConditions, counted);
        } catch (OutputLock.Busy e) {
            err.println("tlsweep sweep: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private int sweep(RunGuard guard, SweepConfig config, RunStore store, SweepConfig.Mode runMode,
            Settings settings, List<FailOn> scanConditions, List<DriftFailOn> driftConditions, long counted)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant started = Instant.now();
        Opened opened = open(store, started, runMode, err);
        RunStore.Run run = opened.run();
        Optional<Journal> journal = opened.journal();
        Optional<RunStore.Run> baseline = store.baselineOf(run.id());
        RunConfig job = RunConfig.of(settings.engine(), settings.options(runMode), settings.clients(),
                settings.certificates(), run.dir())
                .realStackCheck(config.realStackCheck() == null || config.realStackCheck())
                .failOn(scanConditions);
        if (journal.isPresent()) {
            job = job.resume(journal.get());
        }
        BaselineIndex index = null;
        if (runMode == SweepConfig.Mode.RECHECK) {
            if (baseline.isEmpty()) {
                err.println("tlsweep sweep: recheck: no complete baseline run yet; scanning everything in full");
            } else {
                index = BaselineIndex.open(baseline.get().dir().resolve(ScanRun.RESULTS), baseline.get().id());
                job = job.recheck(index, config.recheckLegacy() == null || config.recheckLegacy());
            }
        }
        List<InputError> inputErrors = new ArrayList<>();
        RunOutcome outcome;
        DistinctTargets distinct;
        try (TargetSource input = source(config, e -> {
                    inputErrors.add(e);
                    err.println(e);
                    err.flush();
                }).build();
                Progress progress = Progress.start(counted, quiet)) {
            distinct = new DistinctTargets(input, config.maxTargetsOrDefault());
            outcome = ScanRun.run(distinct, job, progress::step, guard.stop());
        } finally {
            if (index != null) {
                index.close();
            }
        }
        if (outcome.stopped().isPresent()) {
            return RunGuard.stopped(outcome, err, "tlsweep sweep", run.dir().resolve(ScanRun.RESULTS),
                    "finish run " + run.id() + " with tlsweep sweep --config " + configFile + " --resume");
        }
        InputJson.of(distinct.duplicates()).write(run.dir());
        Optional<Drift> drift = drift(baseline, run, out, err);
        Instant finished = Instant.now();
        RunReports.rebuild(run.dir(), new RunInfo(started, Duration.between(started, finished),
                new Tlsweep.Version().getVersion()[0], "tlsweep sweep --config " + configFile + (resume ? " --resume"
                        : "")), quiet ? Optional.empty() : Optional.of(out), err::println);
        PrometheusTextfile.write(RunMetrics.of(run.dir(), run.id(), "", started, Duration.between(started, finished),
                drift.map(Drift::counts)), run.dir().resolve(PrometheusTextfile.FILE_NAME));
        long total = journal.map(Journal::finishedCount).orElse(0L) + outcome.targets();
        RunStore.RunMeta meta = RunStore.readMeta(run.dir()).orElseThrow().finish(finished, total,
                outcome.connections());
        RunStore.writeMeta(run.dir(), meta);
        store.pointLatestAt(run);
        List<String> pruned = store.prune(config.retentionOrDefault());
        if (!quiet) {
            err.printf("tlsweep sweep: run %s complete: %d target(s), %d duplicate(s) dropped, %d connection(s) this"
                    + " session in %.1f s%s%s; %s%n", run.id(), total, distinct.duplicates(), outcome.connections(),
                    outcome.seconds(),
                    outcome.unchanged() > 0 ? String.format(Locale.ROOT, ", %d unchanged since %s (%.2f connections"
                            + " each)", outcome.unchanged(), baseline.map(RunStore.Run::id).orElse("-"),
                            (double) outcome.unchangedConnections() / outcome.unchanged()) : "",
                    pruned.isEmpty() ? "" : ", pruned " + String.join(", ", pruned), run.dir());
        }
        if (distinct.limitReached()) {
            ScopeOptions.stoppedAt(config.maxTargetsOrDefault(), err, "tlsweep sweep", "maxTargets: N in "
                    + configFile);
            return ExitCodes.USAGE;
        }
        if (!inputErrors.isEmpty() || settings.clients().inputErrors()) {
            return ExitCodes.USAGE;
        }
        boolean driftMet = drift.map(d -> DriftFailOn.anyMet(driftConditions, d)).orElse(false);
        return outcome.failOnMet() > 0 || driftMet ? ExitCodes.POLICY : ExitCodes.OK;
    }

    /**
     * Compares the run with its baseline: drift.json and drift.txt in the run directory (report.html shows them),
     * the changes on stdout. Without a baseline there is no drift, and a stale drift.json is removed.
     */
    private Optional<Drift> drift(Optional<RunStore.Run> baseline, RunStore.Run run, PrintWriter out,
            PrintWriter err) throws IOException {
        if (baseline.isEmpty()) {
            RunDrift.none(run.dir());
            return Optional.empty();
        }
        Drift drift = RunDrift.compare(baseline.get().dir(), baseline.get().id(), run.dir(), run.id(),
                e -> err.println("tlsweep sweep: " + e));
        if (!quiet) {
            out.println();
            out.println("changes since " + baseline.get().id() + ":");
            DriftText.print(out, drift);
            out.flush();
        }
        return Optional.of(drift);
    }

    /** The run this invocation writes, and the journal of what it already holds when it is resumed. */
    private record Opened(RunStore.Run run, Optional<Journal> journal) {
    }

    /** With --resume the newest incomplete run (or a new one when there is none), else a new run. */
    private Opened open(RunStore store, Instant started, SweepConfig.Mode runMode, PrintWriter err)
            throws IOException {
        Optional<RunStore.Run> open = resume ? store.newestIncomplete() : Optional.empty();
        if (open.isEmpty()) {
            if (resume) {
                err.println("tlsweep sweep: --resume: no incomplete run under " + store.root() + "; starting a new"
                        + " one");
            }
            return new Opened(newRun(store, started, runMode), Optional.empty());
        }
        RunStore.Run run = open.get();
        Path results = run.dir().resolve(ScanRun.RESULTS);
        Journal journal = Journal.open(results, e -> err.println("tlsweep sweep: " + e));
        if (!journal.repaired().isEmpty()) {
            err.println("tlsweep sweep: " + results + ": " + journal.repaired());
        }
        err.printf("tlsweep sweep: resuming run %s: %d target(s) already done%n", run.id(), journal.finishedCount());
        RunStore.writeMeta(run.dir(), run.meta().orElse(new RunStore.RunMeta(run.id(), started.toString(), null,
                false, label(runMode), null, configFile.toString(), null, null, null, 1)).resumed());
        return new Opened(run, Optional.of(journal));
    }

    /** "full", "versions-only", "recheck": as the configuration file names the mode. */
    private static String label(SweepConfig.Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private RunStore.Run newRun(RunStore store, Instant started, SweepConfig.Mode runMode) throws IOException {
        return store.create(started, new RunStore.RunMeta(null, null, null, false,
                label(runMode), store.newestComplete()
                        .map(RunStore.Run::id).orElse(null), configFile.toAbsolutePath().toString(), null, null, null,
                1));
    }

    private TargetSource.Builder source(SweepConfig config, java.util.function.Consumer<InputError> onError) {
        TargetSource.Builder source = TargetSource.builder(config.portsOrDefault()).onError(onError);
        for (String file : config.targets()) {
            source = source.file(config.resolve(configFile, file));
        }
        return source;
    }

    /** Everything the file settles besides targets: engine, scan options, profiles, certificate policy. */
    private record Settings(EngineConfig engine, ProfileSettings clients, ChainPolicy certificates,
            List<ProtocolVersion> versions) {
        ScanOptions options(SweepConfig.Mode mode) {
            boolean full = mode != SweepConfig.Mode.VERSIONS_ONLY;
            return new ScanOptions(versions, full, full, full);
        }
    }

    private Optional<Settings> settings(SweepConfig c, PrintWriter err) throws IOException {
        SweepConfig.Scan s = c.scanOrDefaults();
        Optional<Scope> scope = ScopeOptions.settle(c.exclusions(configFile), err, "tlsweep sweep");
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        List<ProtocolVersion> versions = ProtocolVersion.HELLO_VERSIONS;
        if (s.versions() != null) {
            try {
                versions = s.versions().stream().map(v -> new VersionConverter().convert(v)).toList();
            } catch (RuntimeException e) {
                err.println("tlsweep sweep: " + configFile + ": scan.versions: " + e.getMessage());
                return Optional.empty();
            }
        }
        EngineConfig engine = s.engine(scope.get());
        AnchorLoad anchors = c.caFile() == null ? TrustAnchors.jdkDefaults()
                : TrustAnchors.jdkDefaultsAnd(c.resolve(configFile, c.caFile()));
        if (anchors instanceof AnchorLoad.Failed failed) {
            err.println("tlsweep sweep: " + configFile + ": caFile: " + failed.message());
            return Optional.empty();
        }
        ChainPolicy certificates = new ChainPolicy(((AnchorLoad.Loaded) anchors).anchors(),
                c.expiringDays() == null ? 30 : c.expiringDays());
        Optional<ProfileSettings> clients = clients(c, err);
        List<ProtocolVersion> probed = versions;
        return clients.map(cl -> new Settings(engine, cl, certificates, probed));
    }

    private Optional<ProfileSettings> clients(SweepConfig c, PrintWriter err) {
        List<String> ids = c.profileIds();
        if (ids == null) {
            return Optional.of(ProfileSettings.none());
        }
        Optional<Assumption> assumption = Optional.empty();
        try {
            if (c.assumeDisabled() != null) {
                assumption = Optional.of(Assumption.parse(c.assumeDisabled()));
            }
            ProfileCatalog catalog = ProfileFile.builtIn();
            boolean inputErrors = false;
            if (c.profileFile() != null) {
                ProfileFile.Load load = ProfileFile.read(c.resolve(configFile, c.profileFile()));
                load.errors().forEach(e -> err.println("tlsweep sweep: " + e));
                inputErrors = !load.errors().isEmpty();
                catalog = catalog.plus(load.catalog());
            }
            List<ClientProfile> profiles = ids.isEmpty() ? catalog.profiles() : catalog.select(ids).profiles();
            return Optional.of(new ProfileSettings(profiles, false, assumption, inputErrors));
        } catch (IllegalArgumentException | IOException e) {
            err.println("tlsweep sweep: " + configFile + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
