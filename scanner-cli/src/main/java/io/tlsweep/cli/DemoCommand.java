package io.tlsweep.cli;

import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.policy.Policy;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.run.EngineSettings;
import io.tlsweep.run.InputFiles;
import io.tlsweep.run.OutputLock;
import io.tlsweep.run.ProfileSettings;
import io.tlsweep.run.RunConfig;
import io.tlsweep.run.RunOutcome;
import io.tlsweep.run.RunReports;
import io.tlsweep.run.ScanRun;
import io.tlsweep.input.Scope;
import io.tlsweep.input.StartTls;
import io.tlsweep.input.Target;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tlsweep demo}: start the built-in target farm on loopback, scan it, show what was found. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the built-in target farm on 127.0.0.1 (legacy, mixed, modern, TLS 1.3-only,"
                + " SNI-required, hostile servers and a proxy that drops most connections), scan it and print what"
                + " tlsweep finds.",
        footer = {"", "Example:", "  tlsweep demo -o tlsweep-out"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "tlsweep-out",
            converter = OutputDir.Converter.class,
            description = "Where results and reports are written (default: ${DEFAULT-VALUE}); an earlier demo's"
                    + " are replaced, a scan's are kept unless --force is given.")
    private Path outputDir;

    @CommandLine.Mixin
    private ListingOptions listingOptions = new ListingOptions();

    @Option(names = "--force", description = "Replace the results in the -o DIR even when a scan wrote them.")
    private boolean force;

    /** The farm's endpoints as targets, named after their farm profile, with the SNI each expects. */
    static List<Target> targets(TargetFarm farm) {
        return targets(farm, StartTls.DIRECT);
    }

    /** The same, each saying before TLS what {@code startTls} gives a line that says nothing on its port. */
    static List<Target> targets(TargetFarm farm, StartTls startTls) {
        List<Target> targets = new ArrayList<>();
        for (FarmTarget t : farm.targets()) {
            Optional<String> sni = t.isHostile() ? Optional.empty() : t.tls().sni().map(s -> s.serverName());
            targets.add(new Target(t.hostPort(), t.host(), t.port(), sni, true, t.name(),
                    startTls.protocolFor(Optional.empty(), t.port())));
        }
        return targets;
    }

    /** The farm's servers are local and known: shorter timeouts than a scan's, and 64 connections to one address. */
    static final EngineSettings ENGINE = new EngineSettings(2000, 2000, 60, 1024, 64, 0);

    static EngineConfig engineConfig() {
        return ENGINE.engine(Scope.DEFAULT);
    }

    @CommandLine.Mixin
    private EngineOptions engineOptions = new EngineOptions(ENGINE, false);

    @CommandLine.Mixin
    private ClientOptions clientOptions = new ClientOptions();

    @CommandLine.Mixin
    private PreludeOptions preludeOptions = new PreludeOptions();

    @CommandLine.Mixin
    private PolicyOptions policyOptions = new PolicyOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<ProfileSettings> clients = clientOptions.settle(spec.commandLine().getErr(), "tlsweep demo");
        Optional<List<Policy>> policies = policyOptions.settle(spec.commandLine().getErr(),
                "tlsweep demo");
        if (clients.isEmpty() || policies.isEmpty()) {
            return ExitCodes.USAGE;
        }
        boolean earlierDemo = Files.exists(outputDir.resolve(OutputDir.FARM_CA));
        Optional<String> earlier = OutputDir.earlierRun(outputDir, "tlsweep demo", force || earlierDemo,
                Optional.empty());
        if (earlier.isPresent()) {
            spec.commandLine().getErr().println(earlier.get());
            return ExitCodes.USAGE;
        }
        Instant started = Instant.now();
        try (TargetFarm farm = TargetFarm.start(DefaultProfiles.demo())) {
            out.printf("started %d loopback targets (%s):%n", farm.targets().size(), farm.transport());
            farm.describe().forEach(line -> out.println("  " + line));
            out.println("scanning...");
            out.flush();
            List<Target> targets = targets(farm, preludeOptions.settings().startTls());
            EngineConfig config = engineOptions.engine(Scope.DEFAULT);
            Files.createDirectories(outputDir);
            Path ca = farm.writeCaCertificate(outputDir.resolve(OutputDir.FARM_CA));
            ChainPolicy certificates = new ChainPolicy(((AnchorLoad.Loaded) InputFiles.caBundle(ca)).anchors(), 30);
            try (RunGuard guard = RunGuard.enter(outputDir, "tlsweep demo");
                    Progress progress = Progress.start(targets.size(), false)) {
                RunOutcome outcome = ScanRun.run(targets.iterator(), RunConfig.of(config, ScanOptions.full(),
                        clients.get(), certificates, outputDir).preludes(preludeOptions.settings())
                        .policies(policies.get()), progress::step,
                        guard.stop());
                if (outcome.stopped().isPresent()) {
                    return RunGuard.stopped(outcome, spec.commandLine().getErr(), "tlsweep demo",
                            outputDir.resolve(ScanRun.RESULTS), "run the demo again");
                }
                RunReports.rebuild(outputDir, Tlsweep.runInfo(spec, started), Optional.of(out),
                        spec.commandLine().getErr()::println, listingOptions.listing());
            } catch (OutputLock.Busy e) {
                spec.commandLine().getErr().println("tlsweep demo: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        out.printf("%nresults and reports (report.html, endpoints.csv, suites.csv, summary.json, results.jsonl,"
                + " latency.hlog, cbom.json): %s%n", outputDir.toAbsolutePath());
        return ExitCodes.OK;
    }
}
