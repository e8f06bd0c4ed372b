package io.tlsweep.cli;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.RunStats;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ResultJson;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.target.InputError;
import io.tlsweep.target.TargetSource;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlsweep scan}: enumerate versions, suites, order and groups of many endpoints. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scan TLS endpoints: versions, cipher suites in order, groups. One JSON object per target.",
        footer = {"", "Target syntax (arguments or one per line in a file; # starts a comment):",
            "  HOST[:PORT]            a name is resolved and sent as SNI; an IP literal sends no SNI",
            "  [IPv6]:PORT            bracketed IPv6",
            "  10.0.0.0/30[:PORT]     CIDR, expanded lazily",
            "  TARGET sni=NAME        connect to TARGET, send NAME as SNI (nothing is resolved)",
            "", "Examples:",
            "  tlsweep scan 127.0.0.1:8443",
            "  tlsweep scan -iL hosts.txt -p 443,8443 -o results.jsonl",
            "  tlsweep scan --versions-only -iL subnet-list.txt"})
final class ScanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "Targets to scan.")
    private List<String> targets = new ArrayList<>();

    @Option(names = {"-iL", "--input"}, paramLabel = "FILE", description = "Read targets from FILE ('-' = stdin).")
    private List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write JSON lines here (default: stdout).")
    private Path output;

    @Option(names = {"-p", "--ports"}, split = ",", paramLabel = "PORT", description = "Ports for targets without"
            + " one (default: ${DEFAULT-VALUE}).", defaultValue = "443")
    private List<Integer> ports;

    @Option(names = "--versions", split = ",", paramLabel = "VERSION", converter = VersionConverter.class,
            description = "Versions to probe (default: SSLv3,TLSv1.0,TLSv1.1,TLSv1.2,TLSv1.3).")
    private List<ProtocolVersion> versions = ProtocolVersion.HELLO_VERSIONS;

    @Option(names = "--versions-only", description = "Only find which versions are accepted (one suite each).")
    private boolean versionsOnly;

    @Option(names = "--connect-timeout", paramLabel = "MS", defaultValue = "3000",
            description = "TCP connect timeout in ms (default: ${DEFAULT-VALUE}).")
    private long connectTimeoutMs;

    @Option(names = "--read-timeout", paramLabel = "MS", defaultValue = "5000",
            description = "Time allowed for a server's answer to one hello, in ms (default: ${DEFAULT-VALUE}).")
    private long readTimeoutMs;

    @Option(names = "--target-budget", paramLabel = "S", defaultValue = "120",
            description = "Time allowed for one target, in seconds (default: ${DEFAULT-VALUE}).")
    private long budgetSeconds;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "256",
            description = "Connections in flight over all hosts (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--per-host", paramLabel = "N", defaultValue = "4",
            description = "Connections in flight to one address (default: ${DEFAULT-VALUE}).")
    private int perHost;

    @Option(names = "--rate", paramLabel = "HELLOS/S", defaultValue = "0",
            description = "Hellos per second to one address; 0 = no limit (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = {"-q", "--quiet"}, description = "No summary on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (targets.isEmpty() && inputs.isEmpty()) {
            err.println("tlsweep scan: no targets (give TARGET arguments or -iL FILE)");
            return ExitCodes.USAGE;
        }
        List<InputError> errors = new ArrayList<>();
        TargetSource.Builder source = TargetSource.builder(ports).arguments(targets).onError(e -> {
            errors.add(e);
            err.println(e);
            err.flush();
        });
        for (String in : inputs) {
            source = in.equals("-") ? source.stdin(System.in) : source.file(Path.of(in));
        }
        ScanOptions options = versionsOnly ? new ScanOptions(versions, false, false, false)
                : new ScanOptions(versions, true, true, true);
        EngineConfig config = EngineConfig.builder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .readTimeout(Duration.ofMillis(readTimeoutMs))
                .targetBudget(Duration.ofSeconds(budgetSeconds))
                .maxInFlight(concurrency)
                .perHostConnections(perHost)
                .perHostRate(rate)
                .build();
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        RunStats stats;
        try (OutputStream out = output == null ? nonClosing(System.out) : Files.newOutputStream(output);
                JsonLinesWriter json = new JsonLinesWriter(out);
                TargetSource input = source.build();
                TlsScanner scanner = new TlsScanner(config, options)) {
            stats = scanner.scan(input, r -> {
                json.write(ResultJson.of(r, Readiness.assess(r)));
                done.incrementAndGet();
            }).join();
        }
        if (!quiet) {
            double seconds = (System.nanoTime() - started) / 1e9;
            err.printf("tlsweep: %d target(s) in %.1f s, %d connection(s), %d input error(s)%n", done.get(), seconds,
                    stats.connections(), errors.size());
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
