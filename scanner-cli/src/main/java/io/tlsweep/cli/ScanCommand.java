package io.tlsweep.cli;

import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.check.Checks;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.probe.CheckSelection;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.run.EngineSettings;
import io.tlsweep.policy.Policy;
import io.tlsweep.run.FailOn;
import io.tlsweep.run.InputFiles;
import io.tlsweep.run.Journal;
import io.tlsweep.run.OutputLock;
import io.tlsweep.run.ProfileSettings;
import io.tlsweep.run.RunConfig;
import io.tlsweep.run.RunOutcome;
import io.tlsweep.run.ScanOutput;
import io.tlsweep.run.ScanRun;
import io.tlsweep.input.DistinctTargets;
import io.tlsweep.input.InputError;
import io.tlsweep.report.InputJson;
import io.tlsweep.input.Scope;
import io.tlsweep.input.TargetSource;
import io.tlsweep.wire.ProtocolVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tlsweep scan}: versions, suites in order and groups of many endpoints, with a verdict for each. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scan TLS endpoints: versions, cipher suites in order, groups, and a readiness verdict for"
                + " switching TLS 1.0/1.1 off. Writes results.jsonl, latency.hlog and the reports to the output"
                + " directory and a verdict table to stdout.",
        footer = {"", "Target syntax (arguments or one per line in a file; # starts a comment):",
            "  HOST[:PORT]            a name is resolved and sent as SNI; an IP literal sends no SNI",
            "  [IPv6]:PORT            bracketed IPv6",
            "  10.0.0.0/30[:PORT]     CIDR, expanded lazily",
            "  TARGET sni=NAME        connect to TARGET, send NAME as SNI (nothing is resolved)",
            "  TARGET starttls=PROTO  say PROTO's STARTTLS before TLS (smtp...; none: TLS from the first byte;",
            "                         auto: by port); over --starttls for that line",
            "", "Each endpoint (address or name, port, SNI) is scanned once; duplicates are dropped and counted.",
            "Never connected to: 0.0.0.0/8, ::, multicast (224.0.0.0/4, ff00::/8), 255.255.255.255, 240.0.0.0/4,",
            "and --exclude ranges; their targets get a line with status 'excluded' and the reason.",
            "", "--fail-on conditions (comma-separated):",
            "  breaks       an endpoint breaks without TLS 1.0/1.1",
            "  no-common    TLS 1.2 only with suites strong-crypto clients refuse",
            "  legacy       TLS 1.0/1.1 or SSLv3 still accepted",
            "  weak         any weak suite or SSLv3 (weaknesses null, anon, export, rc4, rc2, des, 3des, md5)",
            "  unreachable  an endpoint unreachable or turning every hello down",
            "  not-tls      an endpoint that does not speak TLS",
            "  tls-not-offered  a service that answered before TLS and offers none (no STARTTLS, standard",
            "               RDP security only, SQL Server without encryption)",
            "  inconsistent an endpoint whose answers contradicted each other (lost in one connection,",
            "               given in another) even when asked again",
            "  excluded     an endpoint out of scope (--exclude, or an address never connected to)",
            "  vulnerable   an optional check found the endpoint vulnerable (see below)",
            "  policy       an endpoint not compliant with a --policy", "",
            "Exit codes: 0 no condition met, 1 a --fail-on condition met, 2 usage or input error"
                    + " (the valid targets are still scanned), an output directory in use or holding an earlier"
                    + " run's results (--resume or --force), 3 runtime failure"
                    + " (an output that cannot be written; finish with --resume), 130 interrupted (finish with"
                    + " --resume).",
            "", "Examples:",
            "  tlsweep scan 127.0.0.1:8443",
            "  tlsweep scan -iL hosts.txt -p 443,8443 -o out",
            "  tlsweep scan --versions-only -iL subnets.txt --fail-on breaks,legacy",
            "  tlsweep scan -iL mail-relays.txt -p 25,587 --client-name scanner.corp.example",
            "  tlsweep scan -iL hosts.txt --shard 2/4 -o shard-2",
            "  JOB_COMPLETION_INDEX=2 tlsweep scan -iL hosts.txt --shards 4 -o shard-2",
            "      (shard 2 of 4, counted from 0; the second form as in a Kubernetes Indexed Job)",
            "  tlsweep merge -o merged shard-0 shard-1 shard-2 shard-3"})
final class ScanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** The checks the scan runs, the optional ones as --checks says. */
    private final Checks registry;

    ScanCommand() {
        this(Checks.BUILT_IN);
    }

    /** A scan with the checks of {@code registry} (a test's own registry). */
    ScanCommand(Checks registry) {
        this.registry = registry;
    }

    @Parameters(paramLabel = "TARGET", description = "Targets to scan.")
    private List<String> targets = new ArrayList<>();

    @Option(names = {"-iL", "--input"}, paramLabel = "FILE", description = "Read targets from FILE ('-' = stdin).")
    private List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "tlsweep-out",
            converter = OutputDir.Converter.class,
            description = "Where results and reports are written (default: ${DEFAULT-VALUE}); a directory that"
                    + " holds an earlier run's results is refused unless --resume or --force is given.")
    private Path outputDir;

    @Option(names = {"-p", "--ports"}, split = ",", paramLabel = "PORT", defaultValue = "443",
            converter = PortRange.Converter.class,
            description = "Ports for targets without one: a list of ports and ranges, 443,8440-8449 (default:"
                    + " ${DEFAULT-VALUE}).")
    private List<PortRange> ports;

    @Option(names = "--versions", split = ",", paramLabel = "VERSION", converter = VersionConverter.class,
            description = "Versions to probe (default: SSLv3,TLSv1.0,TLSv1.1,TLSv1.2,TLSv1.3).")
    private List<ProtocolVersion> versions = ProtocolVersion.HELLO_VERSIONS;

    @Option(names = "--versions-only", description = "Only find which versions are accepted (one suite each):"
            + " a cheap sweep.")
    private boolean versionsOnly;

    @Option(names = "--fail-on", split = ",", paramLabel = "CONDITION", converter = FailOnConverter.class,
            completionCandidates = FailOnConverter.class,
            description = "Exit with code 1 when an endpoint meets one of these conditions.")
    private List<FailOn> failOn = new ArrayList<>();

    @CommandLine.Mixin
    private EngineOptions engineOptions = new EngineOptions(EngineSettings.DEFAULTS, true);

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust these CA certificates (PEM bundle)"
            + " when validating certificate chains; internal CAs are the norm on internal networks.")
    private Path caFile;

    @Option(names = "--expiring-days", paramLabel = "DAYS", converter = Bounds.NotNegative.class,
            defaultValue = "30",
            description = "Report certificates expiring within DAYS days (default: ${DEFAULT-VALUE}).")
    private int expiringDays;

    @Option(names = "--resume", description = "Finish an interrupted scan into the same -o DIR: targets already in"
            + " its results.jsonl are skipped, new results are appended, the reports cover both.")
    private boolean resume;

    @Option(names = "--force", description = "Replace the results of an earlier run in the -o DIR.")
    private boolean force;

    @Option(names = "--confirm-each-version", description = "Confirm every accepted version with a real TLS"
            + " handshake, not only the best one.")
    private boolean confirmEachVersion;

    @CommandLine.Mixin
    private ClientOptions clientOptions = new ClientOptions();

    @CommandLine.Mixin
    private ScopeOptions scopeOptions = new ScopeOptions();

    @CommandLine.Mixin
    private CheckOptions checkOptions = new CheckOptions();

    @CommandLine.Mixin
    private PreludeOptions preludeOptions = new PreludeOptions();

    @CommandLine.Mixin
    private ListingOptions listingOptions = new ListingOptions();

    @CommandLine.Mixin
    private PolicyOptions policyOptions = new PolicyOptions();

    @Option(names = {"-q", "--quiet"}, description = "No table on stdout, no progress or summary on stderr.")
    private boolean quiet;

    @Option(names = "--shard", paramLabel = "I/N", description = "Scan only shard I of N (0-based): the targets"
            + " whose host:port hashes to I modulo N; N scans with shards 0..N-1 split the input exactly."
            + " Writes shard.json at the end; combine the outputs with 'tlsweep merge'.")
    private String shard;

    @Option(names = "--shards", paramLabel = "N", description = "As --shard, with the index I taken from "
            + ShardOption.INDEX_VARIABLE + " (set by a Kubernetes Indexed Job); --shard wins over it.")
    private Integer shards;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (targets.isEmpty() && inputs.isEmpty()) {
            err.println("tlsweep scan: no targets (give TARGET arguments or -iL FILE)");
            return ExitCodes.USAGE;
        }
        AnchorLoad anchors = caFile == null ? TrustAnchors.jdkDefaultsWhenUsed() : InputFiles.jdkDefaultsAnd(caFile);
        if (anchors instanceof AnchorLoad.Failed failed) {
            err.println("tlsweep scan: " + failed.message());
            return ExitCodes.USAGE;
        }
        ChainPolicy certificates = new ChainPolicy(((AnchorLoad.Loaded) anchors).anchors(), expiringDays);
        Optional<ProfileSettings> clients = clientOptions.settle(err, "tlsweep scan");
        if (clients.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Optional<CheckSelection> selection = checkOptions.settle(registry, err, "tlsweep scan");
        Optional<String> httpPath = checkOptions.httpPath(err, "tlsweep scan");
        if (selection.isEmpty() || httpPath.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Optional<Scope> scope = scopeOptions.scope(err, "tlsweep scan");
        Optional<List<Policy>> policies = policyOptions.settle(err, "tlsweep scan");
        if (scope.isEmpty() || policies.isEmpty()) {
            return ExitCodes.USAGE;
        }
        List<InputError> errors = new ArrayList<>();
        long total = -1;
        if (!inputs.contains("-")) {
            try (TargetSource counting = source(e -> { }).build()) {
                total = DistinctTargets.countUpTo(counting, scopeOptions.maxTargets());
            }
            if (ScopeOptions.refuses(total, scopeOptions.maxTargets(), err, "tlsweep scan", "--max-targets N")) {
                return ExitCodes.USAGE;
            }
        }
        ScanOptions options = new ScanOptions(versions, !versionsOnly, !versionsOnly, !versionsOnly,
                selection.get(), httpPath.get());
        EngineConfig config = engineOptions.engine(scope.get());
        RunConfig run = RunConfig.of(config, options, clients.get(), certificates, outputDir)
                .confirmEachVersion(confirmEachVersion).failOn(failOn).preludes(preludeOptions.settings())
                .checks(registry).policies(policies.get());
        Instant started = Instant.now();
        try (RunGuard guard = RunGuard.enter(outputDir, "tlsweep scan")) {
            // once the directory is this run's: a run started at the same time is told it is in use
            Optional<String> earlier = OutputDir.earlierRun(outputDir, "tlsweep scan", force || resume,
                    Optional.of("--resume to finish it"));
            if (earlier.isPresent()) {
                err.println(earlier.get());
                return ExitCodes.USAGE;
            }
            return scan(guard, run, total, errors, started);
        } catch (OutputLock.Busy e) {
            err.println("tlsweep scan: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private int scan(RunGuard guard, RunConfig run, long total, List<InputError> errors, Instant started)
            throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ScanOutput.begin(outputDir);
        RunOutcome outcome;
        DistinctTargets distinct;
        try (TargetSource input = source(e -> {
                    errors.add(e);
                    err.println(e);
                    err.flush();
                }).build();
                Progress progress = Progress.start(total, quiet)) {
            if (resume) {
                Journal done = Journal.open(outputDir.resolve(ScanRun.RESULTS), e -> err.println("tlsweep scan: " + e));
                if (!done.repaired().isEmpty()) {
                    err.println("tlsweep scan: " + outputDir.resolve(ScanRun.RESULTS) + ": " + done.repaired());
                }
                if (!quiet) {
                    err.printf("tlsweep scan: resuming: %d target(s) already done%n", done.finishedCount());
                }
                run = run.resume(done);
            }
            distinct = new DistinctTargets(input, scopeOptions.maxTargets());
            outcome = ScanRun.run(distinct, run, progress::step, guard.stop());
        }
        if (outcome.stopped().isPresent()) {
            return RunGuard.stopped(outcome, err, "tlsweep scan", outputDir.resolve(ScanRun.RESULTS),
                    "finish it with the same command and --resume (tlsweep report " + outputDir
                            + " builds the reports of what is there)");
        }
        ScanOutput.end(outputDir, InputJson.of(distinct.duplicates(), errors.stream()
                .map(e -> new InputJson.Error(e.origin(), e.message())).toList()), ShardOption.describe(Tlsweep.runInfo(spec, started), shard,
                shards), quiet ? Optional.empty() : Optional.of(spec.commandLine().getOut()), err::println,
                ShardOption.marked(shard, shards), outcome.targets(), listingOptions.listing());
        if (!quiet) {
            err.printf("tlsweep: %d target(s) in %.1f s, %d connection(s), %d input error(s), %d duplicate(s)"
                    + " dropped; results in %s%n", outcome.targets(), outcome.seconds(), outcome.connections(),
                    errors.size(), distinct.duplicates(), outputDir);
        }
        if (distinct.limitReached()) {
            ScopeOptions.stoppedAt(scopeOptions.maxTargets(), err, "tlsweep scan", "--max-targets N");
            return ExitCodes.USAGE;
        }
        if (!errors.isEmpty() || run.clients().inputErrors()) {
            return ExitCodes.USAGE;
        }
        return outcome.failOnMet() > 0 ? ExitCodes.POLICY : ExitCodes.OK;
    }

    private TargetSource.Builder source(java.util.function.Consumer<InputError> onError) {
        TargetSource.Builder source = TargetSource.builder(PortRange.ports(ports)).arguments(targets)
                .onError(onError).startTls(preludeOptions.settings().startTls());
        for (String in : inputs) {
            source = in.equals("-") ? source.stdin(System.in) : source.file(Path.of(in));
        }
        source = source.shard(ShardOption.resolve(spec, shard, shards));
        return source;
    }
}
