package io.tlsweep.cli;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ResultJson;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.target.Target;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tlsweep demo}: start the built-in target farm on loopback, scan it, show what was found. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the built-in target farm on 127.0.0.1 (legacy, mixed, modern, TLS 1.3-only,"
                + " SNI-required and hostile servers), scan it and print what tlsweep finds.",
        footer = {"", "Example:", "  tlsweep demo -o tlsweep-out"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "tlsweep-out",
            description = "Where results.jsonl is written (default: ${DEFAULT-VALUE}).")
    private Path outputDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(outputDir);
        Path jsonl = outputDir.resolve("results.jsonl");
        Map<String, TargetResult> results = new TreeMap<>();
        try (TargetFarm farm = TargetFarm.startDefault()) {
            out.printf("started %d loopback targets (%s)%n", farm.targets().size(), farm.transport());
            out.flush();
            List<Target> targets = new ArrayList<>();
            for (FarmTarget t : farm.targets()) {
                Optional<String> sni = t.isHostile() ? Optional.empty() : t.tls().sni().map(s -> s.serverName());
                targets.add(new Target(t.hostPort(), t.host(), t.port(), sni, true, t.name()));
            }
            EngineConfig config = EngineConfig.builder().readTimeout(Duration.ofMillis(2000))
                    .connectTimeout(Duration.ofMillis(2000)).perHostConnections(64).build();
            try (OutputStream file = Files.newOutputStream(jsonl); JsonLinesWriter json = new JsonLinesWriter(file);
                    TlsScanner scanner = new TlsScanner(config, ScanOptions.full())) {
                scanner.scan(targets.iterator(), r -> {
                    json.write(ResultJson.of(r, Readiness.assess(r)));
                    results.put(r.target().origin(), r);
                }).join();
            }
        }
        new ResultTable(out).print(results.values());
        out.printf("%nresults: %s%n", jsonl.toAbsolutePath());
        return ExitCodes.OK;
    }
}
