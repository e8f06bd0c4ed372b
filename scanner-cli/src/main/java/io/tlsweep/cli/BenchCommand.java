package io.tlsweep.cli;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.ScanEngine;
import io.tlsweep.engine.handshake.BenchPlan;
import io.tlsweep.engine.handshake.BenchResult;
import io.tlsweep.engine.handshake.HandshakeBench;
import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.engine.handshake.HandshakeTarget;
import io.tlsweep.engine.handshake.JdkLegacyAlgorithms;
import io.tlsweep.engine.handshake.SessionMode;
import io.tlsweep.engine.handshake.TlsProvider;
import io.tlsweep.metrics.Percentiles;
import io.tlsweep.probe.CheckSelection;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.TargetResult;
import io.tlsweep.run.BenchMatrix;
import io.tlsweep.run.BenchOutput;
import io.tlsweep.scan.PreludeSettings;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.text.IpLiteral;
import io.tlsweep.input.ParsedLine;
import io.tlsweep.check.Checks;
import io.tlsweep.input.Scope;
import io.tlsweep.input.StartTls;
import io.tlsweep.input.Target;
import io.tlsweep.input.TargetLine;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code tlsweep bench}: sustained full handshakes against one endpoint. */
@Command(name = "bench", sortOptions = false,
        description = "Sustained full TLS handshakes against one endpoint at a given concurrency, for a duration"
                + " or a count: handshakes/s, latency percentiles (HdrHistogram), errors by failure kind."
                + " With --rate, handshakes start on a fixed schedule and latency is measured from the intended"
                + " start, which corrects for coordinated omission.",
        footer = {"", "TARGET is an IP literal with a port (IPv6 in brackets); give the SNI name with --sni.",
            "-c is both the handshakes in flight and the most connections open to the endpoint at once, --matrix's"
                + " scan included: every connection goes through one engine's limits.",
            "--jdk-legacy lets the JDK provider offer TLS 1.0, TLS 1.1 and 3DES by removing them from"
                + " jdk.tls.disabledAlgorithms for this tlsweep process only (the JDK reads that setting once per"
                + " process; nothing is changed on disk). Not needed with --provider boringssl, which offers"
                + " legacy versions on its own contexts.",
            "", "Examples:",
            "  tlsweep bench 127.0.0.1:8443 -c 8 --duration 10",
            "  tlsweep bench 127.0.0.1:8443 --version TLSv1.3 --provider jdk --rate 500 --duration 30",
            "  tlsweep bench 10.0.0.5:443 --sni app.example --suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 -o bench",
            "  tlsweep bench 127.0.0.1:8443 --matrix --duration 2",
            "  tlsweep bench 10.0.0.7:25 --starttls smtp -c 4 --duration 10"})
final class BenchCommand implements Callable<Integer> {
    /** Its own help option: the standard ones would take --version, which here names a TLS version. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "IP:PORT or [IPv6]:PORT.")
    private String target;

    @Option(names = "--provider", paramLabel = "P", defaultValue = "boringssl", converter = ProviderValue.class,
            description = "TLS stack: boringssl, jdk or bc (default: ${DEFAULT-VALUE}).")
    private TlsProvider stack;

    @Option(names = "--version", paramLabel = "VERSION", converter = HandshakeVersion.class,
            description = "Version to enable (repeatable; default TLSv1.2).")
    private List<ProtocolVersion> versions = new ArrayList<>();

    @Option(names = "--suite", split = ",", paramLabel = "SUITE", converter = SuiteName.class,
            description = "Cipher suites (IANA or OpenSSL names).")
    private List<String> suites = new ArrayList<>();

    @Option(names = "--sni", paramLabel = "NAME", description = "Server name to send.")
    private String sni;

    @Option(names = "--starttls", paramLabel = "PROTO|none", converter = ProtocolOrNone.class,
            description = "What is said before each handshake: a protocol's STARTTLS (smtp, lmtp...), or none for"
                    + " TLS from the first byte (default: ${DEFAULT-VALUE}).")
    private String starttls = StartTls.NONE;

    @Mixin
    private PreludeOptions.ClientName clientName = new PreludeOptions.ClientName();

    @Mixin
    private ConcurrencyOption concurrency = new ConcurrencyOption(4);

    @Option(names = "--duration", paramLabel = "S", defaultValue = "10", converter = Bounds.PositiveSeconds.class,
            description = "Seconds to run (default: ${DEFAULT-VALUE}).")
    private double duration;

    @Option(names = "--count", paramLabel = "N", converter = Bounds.Count.class,
            description = "Stop after N handshakes.")
    private long count = Long.MAX_VALUE;

    @Option(names = "--rate", paramLabel = "PER_S", converter = Bounds.Rate.class,
            description = "Fixed rate of handshake starts per second (0: as fast as -c allows, the default).")
    private double rate;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2", converter = Bounds.NotNegativeSeconds.class,
            description = "Seconds of discarded warm-up (default: ${DEFAULT-VALUE}).")
    private double warmup;

    @Option(names = "--resume", description = "Resume sessions after the first handshake (full vs resumed counts).")
    private boolean resume;

    @Option(names = "--matrix", description = "Scan the endpoint, then benchmark every (version, suite) it accepts"
            + " that a local TLS stack can offer, --duration seconds (at most --count handshakes) each.")
    private boolean matrix;

    @Option(names = "--jdk-legacy", description = "Allow TLS 1.0/1.1 and 3DES in the JDK provider (whole process).")
    private boolean jdkLegacy;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", converter = OutputDir.Converter.class,
            description = "Also write bench.json and bench.hlog (HdrHistogram log) here.")
    private Path outputDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PreludeSettings preludes = new PreludeSettings(starttls, clientName.value());
        ParsedLine parsed = TargetLine.parse(target, "TARGET", List.of(443), preludes.startTls());
        if (parsed instanceof ParsedLine.Failed failed) {
            err.println("tlsweep bench: " + failed.error());
            return ExitCodes.USAGE;
        }
        Target t = parsed instanceof ParsedLine.Targets ts && ts.size() == 1 ? ts.iterator().next() : null;
        if (t == null || !(IpLiteral.parse(t.host()) instanceof IpLiteral.Address literal)) {
            err.println("tlsweep bench: TARGET must be one IP:PORT or [IPv6]:PORT (give a name with --sni)");
            return ExitCodes.USAGE;
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(literal.bytes()), t.port());
        java.util.Optional<String> refusal = Scope.DEFAULT.refusal(address.getAddress().getAddress());
        if (refusal.isPresent()) {
            err.println("tlsweep bench: " + t.host() + ": " + refusal.get());
            return ExitCodes.USAGE;
        }
        String sni = this.sni != null ? this.sni : t.sni().orElse(null);
        if (jdkLegacy) {
            JdkLegacyAlgorithms.allowGlobally();
        }
        HandshakeSpec hs;
        try {
            hs = HandshakeSpec.of(stack, versions.isEmpty() ? List.of(ProtocolVersion.TLSv1_2) : versions, suites);
        } catch (IllegalArgumentException e) {
            err.println("tlsweep bench: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<String> refusing = stack == TlsProvider.JDK && !jdkLegacy ? JdkLegacyAlgorithms.refusing(hs) : List.of();
        if (!refusing.isEmpty()) {
            err.println("tlsweep bench: the JDK refuses " + String.join(" and ", refusing.stream()
                    .map(BenchCommand::inWords).toList()) + ": its security setting jdk.tls.disabledAlgorithms lists "
                    + String.join(", ", refusing) + "; give --jdk-legacy to allow TLS 1.0, TLS 1.1 and 3DES in this"
                    + " run, or use --provider boringssl");
            return ExitCodes.USAGE;
        }
        Target scanned = new Target(t.input(), t.host(), t.port(), Optional.ofNullable(sni), true, "TARGET",
                t.prelude());
        HandshakeTarget direct = sni == null ? HandshakeTarget.of(address) : HandshakeTarget.of(address, sni);
        HandshakeTarget where = preludes.prelude(scanned).map(direct::withPrelude).orElse(direct);
        // one engine's limits for every connection of the run: the scan of --matrix and the handshakes
        int inFlight = concurrency.value();
        EngineConfig engine = EngineConfig.builder().maxInFlight(inFlight).perHostConnections(inFlight)
                .connectTimeout(CONNECT_TIMEOUT).readTimeout(HANDSHAKE_TIMEOUT).build();
        if (matrix) {
            // the matrix needs the suites accepted, not the active checks
            try (TlsScanner scanner = new TlsScanner(engine, ScanOptions.full().checks(CheckSelection.none()),
                    List.of(), false, Checks.BUILT_IN, preludes)) {
                return matrix(scanned, where, scanner, out);
            }
        }
        BenchResult result;
        try (ScanEngine gate = new ScanEngine(engine)) {
            HandshakeClient client = HandshakeClient.through(gate);
            client.prepare(hs);
            HandshakeBench bench = new HandshakeBench(client, client.config());
            if (warmup > 0 && refused(bench.run(BenchPlan.closedLoop(where, hs, inFlight, seconds(warmup),
                    Long.MAX_VALUE)), t, err)) {
                return ExitCodes.RUNTIME;
            }
            BenchPlan plan = rate > 0 ? BenchPlan.fixedRate(where, hs, rate, inFlight, seconds(duration), count)
                    : BenchPlan.closedLoop(where, hs, inFlight, seconds(duration), count);
            result = bench.run(plan.withSessions(resume ? SessionMode.RESUMABLE : SessionMode.FRESH));
            if (refused(result, t, err)) {
                return ExitCodes.RUNTIME;
            }
        } catch (IllegalArgumentException e) {
            err.println("tlsweep bench: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.print(result.summary());
        out.flush();
        if (outputDir != null) {
            BenchOutput.write(outputDir, target, sni, concurrency.value(), result);
        }
        return result.established() > 0 ? ExitCodes.OK : ExitCodes.RUNTIME;
    }

    /** Whether {@code result} stopped on refused connections; if so, says so to {@code err}. */
    private boolean refused(BenchResult result, Target t, PrintWriter err) {
        if (result.refused()) {
            err.println("tlsweep bench: " + result.plan().target().hostPort() + " refused "
                    + HandshakeBench.REFUSALS_TO_STOP + " connections in a row, nothing listens there; stopped"
                    + (target.strip().endsWith(":" + t.port()) ? "" : " (with no port, TARGET means port "
                    + t.port() + ": give IP:PORT)"));
        }
        return result.refused();
    }

    /** {@code --matrix}: the endpoint scanned, then one row per (version, suite) it accepts, as each is done. */
    private int matrix(Target target, HandshakeTarget where, TlsScanner scanner, PrintWriter out)
            throws InterruptedException {
        TargetResult r = BenchMatrix.scan(target, scanner);
        if (r.protocols().isEmpty()) {
            out.println("nothing to benchmark: " + r.status() + r.failure().map(f -> " (" + f + ")").orElse(""));
            return ExitCodes.RUNTIME;
        }
        out.printf("%-8s %-46s %-10s %10s %9s %9s %9s %7s%n", "version", "suite", "provider", "hs/s", "p50 us",
                "p99 us", "max us", "errors");
        int benched = BenchMatrix.bench(r, where, scanner, concurrency.value(), seconds(duration), count, row -> {
            if (row.result().isEmpty()) {
                out.printf("%-8s %-46s %-10s (no local TLS stack offers it)%n", row.version(), row.suite().ianaName(),
                        "-");
                return;
            }
            BenchResult b = row.result().get();
            Percentiles l = b.latencyPercentiles();
            out.printf("%-8s %-46s %-10s %10.1f %9d %9d %9d %7d%n", row.version(), row.suite().ianaName(),
                    row.provider().orElseThrow().label(), b.handshakesPerSecond(), l.p50(), l.p99(), l.max(),
                    b.failed());
            out.flush();
        });
        return benched > 0 ? ExitCodes.OK : ExitCodes.RUNTIME;
    }

    /** {@code --starttls}: a registered protocol or none; bench has one endpoint, so there is no auto. */
    static final class ProtocolOrNone implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String checked = new PreludeOptions.StartTlsValue().convert(value);
            if (checked.equals(StartTls.AUTO)) {
                throw new TypeConversionException(value + ": give the protocol spoken before TLS"
                        + " or none");
            }
            return checked;
        }
    }

    /** {@code --provider}: a TLS stack by its label. */
    static final class ProviderValue implements ITypeConverter<TlsProvider> {
        @Override
        public TlsProvider convert(String value) {
            return TlsProvider.parse(value).orElseThrow(() -> new TypeConversionException(value
                    + ": not a TLS stack tlsweep has (" + TlsProvider.LABELS.alternatives() + ")"));
        }
    }

    /** {@code --version}: a version a full handshake can use (TLS 1.0 to 1.3). */
    static final class HandshakeVersion implements ITypeConverter<ProtocolVersion> {
        @Override
        public ProtocolVersion convert(String value) {
            ProtocolVersion v = new VersionConverter().convert(value);
            try {
                HandshakeSpec.javaName(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(value + ": a full handshake takes TLSv1.0 to TLSv1.3");
            }
            return v;
        }
    }

    /** {@code --suite}: a name the registry knows (IANA or OpenSSL), as given. */
    static final class SuiteName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (CipherSuite.byName(value).isEmpty()) {
                throw new TypeConversionException(value + ": no cipher suite has this name (see 'tlsweep ciphers "
                        + value + "')");
            }
            return value;
        }
    }

    /** An entry of jdk.tls.disabledAlgorithms that {@code --jdk-legacy} lifts, as a user names what it stops. */
    private static String inWords(String entry) {
        return switch (entry) {
            case "TLSv1" -> "TLS 1.0";
            case "TLSv1.1" -> "TLS 1.1";
            case "3DES_EDE_CBC" -> "3DES suites";
            default -> entry;
        };
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
