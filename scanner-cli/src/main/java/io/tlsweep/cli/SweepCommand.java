package io.tlsweep.cli;

import io.tlsweep.check.Checks;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftText;
import io.tlsweep.policy.Policy;
import io.tlsweep.policy.PolicyFile;
import io.tlsweep.run.DriftFailOn;
import io.tlsweep.run.FailOn;
import io.tlsweep.run.OutputLock;
import io.tlsweep.run.RunConfig;
import io.tlsweep.run.RunOutcome;
import io.tlsweep.run.RunStore;
import io.tlsweep.run.ScanRun;
import io.tlsweep.run.Sweep;
import io.tlsweep.run.SweepConfig;
import io.tlsweep.run.SweepSettings;
import io.tlsweep.input.DistinctTargets;
import io.tlsweep.input.InputError;
import io.tlsweep.report.InputJson;
import io.tlsweep.input.Scope;
import io.tlsweep.input.TargetSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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

    /** The checks the sweep runs, the optional ones as the file's {@code checks:} says. */
    private final Checks registry;

    SweepCommand() {
        this(Checks.BUILT_IN);
    }

    /** A sweep with the checks of {@code registry} (a test's own registry). */
    SweepCommand(Checks registry) {
        this.registry = registry;
    }

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
            + " scan conditions (breaks, legacy, weak, vulnerable, ...) and drift, drift:CLASS (drift:legacy,"
            + " drift:vulnerable...).")
    private List<String> failOn;

    @Option(names = "--policy", split = ",", paramLabel = "NAME|FILE",
            completionCandidates = PolicyOptions.Reader.class, description = "Override the file's policy: the"
                    + " compliance policies each endpoint is judged against (built-in names or policy files).")
    private List<String> policy;

    @picocli.CommandLine.Mixin
    private ListingOptions listingOptions = new ListingOptions();

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
        Optional<List<Policy>> policies = policies(config, err);
        if (policies.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Optional<Scope> scope = ScopeOptions.settle(config.exclusions(configFile), err, "tlsweep sweep");
        if (scope.isEmpty()) {
            return ExitCodes.USAGE;
        }
        SweepSettings settings;
        try {
            settings = SweepSettings.of(config, configFile, scope.get(), e -> err.println("tlsweep sweep: " + e),
                    registry);
        } catch (SweepConfig.BadConfig e) {
            err.println("tlsweep sweep: " + e.getMessage());
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
            return sweep(guard, config, store, runMode, settings, scanConditions, driftConditions, counted,
                    policies.get());
        } catch (OutputLock.Busy e) {
            err.println("tlsweep sweep: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private int sweep(RunGuard guard, SweepConfig config, RunStore store, SweepConfig.Mode runMode,
            SweepSettings settings, List<FailOn> scanConditions, List<DriftFailOn> driftConditions, long counted,
            List<Policy> policies) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> notes = m -> err.println("tlsweep sweep: " + m);
        Sweep sweep = Sweep.open(store, Instant.now(), runMode, resume, configFile, notes);
        RunStore.Run run = sweep.run();
        List<InputError> inputErrors = new ArrayList<>();
        RunOutcome outcome;
        DistinctTargets distinct;
        try (sweep; TargetSource input = source(config, e -> {
                    inputErrors.add(e);
                    err.println(e);
                    err.flush();
                }).build();
                Progress progress = Progress.start(counted, quiet)) {
            RunConfig job = sweep.config(settings, runMode, config, scanConditions, notes).policies(policies);
            distinct = new DistinctTargets(input, config.maxTargetsOrDefault());
            outcome = ScanRun.run(distinct, job, progress::step, guard.stop());
        }
        if (outcome.stopped().isPresent()) {
            return RunGuard.stopped(outcome, err, "tlsweep sweep", run.dir().resolve(ScanRun.RESULTS),
                    "finish run " + run.id() + " with tlsweep sweep --config " + configFile + " --resume");
        }
        long evidenceProblems = config.evidence() == null ? 0
                : config.evidence().join(config, configFile, run.dir(), notes);
        Optional<Drift> drift = sweep.drift(notes);
        if (drift.isPresent() && !quiet) {
            out.println();
            out.println("changes since " + sweep.baseline().orElseThrow().id() + ":");
            DriftText.print(out, drift.get());
            out.flush();
        }
        Sweep.Finished finished = sweep.finish(outcome, InputJson.of(distinct.duplicates(),
                inputErrors.stream().map(e -> new InputJson.Error(e.origin(), e.message())).toList()), drift,
                new Tlsweep.Version().getVersion()[0], "tlsweep sweep --config " + configFile
                        + (resume ? " --resume" : ""), quiet ? Optional.empty() : Optional.of(out),
                config.retentionOrDefault(), err::println, listingOptions.listing());
        if (!quiet) {
            err.printf("tlsweep sweep: run %s complete: %d target(s), %d duplicate(s) dropped, %d connection(s) this"
                    + " session in %.1f s%s%s; %s%n", run.id(), finished.targets(), distinct.duplicates(),
                    outcome.connections(), outcome.seconds(),
                    outcome.unchanged() > 0 ? String.format(Locale.ROOT, ", %d unchanged since %s (%.2f connections"
                            + " each)", outcome.unchanged(), sweep.baseline().map(RunStore.Run::id).orElse("-"),
                            (double) outcome.unchangedConnections() / outcome.unchanged()) : "",
                    finished.pruned().isEmpty() ? "" : ", pruned " + String.join(", ", finished.pruned()), run.dir());
        }
        if (distinct.limitReached()) {
            ScopeOptions.stoppedAt(config.maxTargetsOrDefault(), err, "tlsweep sweep", "maxTargets: N in "
                    + configFile);
            return ExitCodes.USAGE;
        }
        if (!inputErrors.isEmpty() || settings.clients().inputErrors() || evidenceProblems > 0) {
            return ExitCodes.USAGE;
        }
        boolean driftMet = drift.map(d -> DriftFailOn.anyMet(driftConditions, d)).orElse(false);
        return outcome.failOnMet() > 0 || driftMet ? ExitCodes.POLICY : ExitCodes.OK;
    }

    private TargetSource.Builder source(SweepConfig config, Consumer<InputError> onError) {
        TargetSource.Builder source = TargetSource.builder(config.portsOrDefault()).onError(onError)
                .startTls(config.preludes().startTls());
        for (String file : config.targets()) {
            source = source.file(config.resolve(configFile, file));
        }
        return source;
    }

    /**
     * The policies of {@code --policy}, else of the file's {@code policy:} (its files relative to it); empty after
     * telling {@code err} when one is neither a built-in name nor a policy file, or two share an id.
     */
    private Optional<List<Policy>> policies(SweepConfig config, PrintWriter err) {
        boolean given = policy != null;
        List<String> names = given ? policy : config.policy() == null ? List.of() : config.policy();
        List<Policy> chosen = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String name : names) {
            String value = name.trim();
            String where = given ? "--policy" : configFile + ": policy";
            try {
                Policy p = new PolicyOptions.Reader().convert(given || PolicyFile.named(value).isPresent() ? value
                        : config.resolve(configFile, value).toString());
                if (!ids.add(p.id())) {
                    err.println("tlsweep sweep: " + where + ": policy '" + p.id() + "' given twice");
                    return Optional.empty();
                }
                chosen.add(p);
            } catch (picocli.CommandLine.TypeConversionException e) {
                err.println("tlsweep sweep: " + where + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(chosen);
    }
}
