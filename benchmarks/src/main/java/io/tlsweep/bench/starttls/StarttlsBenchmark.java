package io.tlsweep.bench.starttls;

import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.input.Scope;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.run.EngineSettings;
import io.tlsweep.run.ProfileSettings;
import io.tlsweep.run.RunConfig;
import io.tlsweep.scan.PreludeSettings;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TlsTargetSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * What STARTTLS costs a scan: in one process, N loopback endpoints behind the farm's SMTP front (greeting, EHLO,
 * STARTTLS, then TLS) and N endpoints serving the same TLS from the first byte (the same stack, versions, suites
 * and certificate: {@link DefaultProfiles#mixed()}), each set scanned through the run pipeline of
 * {@code tlsweep scan} ({@link io.tlsweep.run.ScanRun}: scan, client profiles, real-stack check, results.jsonl)
 * with its defaults, the two sets in turn (ABBA: the order flips every round) after warm-up rounds. Prints per
 * set the connections per endpoint (the servers' accepts), the wall time of a set (median and range over the
 * rounds) and the scanner's CPU time per connection (the process's CPU minus the farm threads', see
 * {@link CpuSample}). Every server binds 127.0.0.1 only; rounds are bounded in count and each scan in time.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tlsweep.bench.starttls.StarttlsBenchmark [--endpoints 100]
 *     [--rounds 5] [--warmup 3] [--no-profiles] [--per-host 4] [--concurrency 256] [--scan-limit 600]
 * </pre>
 * Exit code 0, 1 when a scan was stopped or a line was not what the farm serves, 2 for bad arguments.
 */
public final class StarttlsBenchmark {
    private StarttlsBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        StarttlsBenchArgs.Parsed parsed = StarttlsBenchArgs.parse(List.of(args));
        if (parsed instanceof StarttlsBenchArgs.Usage usage) {
            (usage.asked() ? System.out : System.err).println(usage.message());
            System.exit(usage.asked() ? 0 : 2);
        }
        System.exit(run(((StarttlsBenchArgs.Run) parsed).args(), System.out));
    }

    static int run(StarttlsBenchArgs args, PrintStream out) throws IOException {
        List<TargetSpec> specs = new ArrayList<>();
        for (int i = 1; i <= args.endpoints(); i++) {
            specs.add(PreludeTargetSpec.smtp("smtp-" + i, "tlsweep bench relay", tls("smtp-" + i + "-tls")));
        }
        for (int i = 1; i <= args.endpoints(); i++) {
            specs.add(tls("direct-" + i));
        }
        Path work = Files.createTempDirectory("tlsweep-starttls-bench");
        try (TargetFarm farm = TargetFarm.start(specs)) {
            EndpointSet starttls = new EndpointSet("STARTTLS smtp", "smtp", farm.targets().stream()
                    .filter(t -> t.name().matches("smtp-\\d+")).toList());
            EndpointSet direct = new EndpointSet("direct TLS", "none", farm.targets().stream()
                    .filter(t -> t.name().startsWith("direct-")).toList());
            Function<Path, RunConfig> config = runConfig(args, farm);
            header(args, farm, out);
            Map<EndpointSet, List<EndpointSet.Round>> measured = new LinkedHashMap<>();
            measured.put(starttls, new ArrayList<>());
            measured.put(direct, new ArrayList<>());
            for (int round = 1; round <= args.warmup() + args.rounds(); round++) {
                boolean warm = round > args.warmup();
                List<EndpointSet> order = round % 2 == 1 ? List.of(starttls, direct) : List.of(direct, starttls);
                for (EndpointSet set : order) {
                    Path dir = work.resolve("round-" + round + "-" + set.preludeProtocol());
                    EndpointSet.Round r = set.scan(config.apply(dir), farm, args.scanLimitSeconds());
                    deleteTree(dir);
                    out.printf(Locale.ROOT, "round %d%s %-13s %7.2f s  %6.2f connections/endpoint (engine %6.2f)"
                            + "  scanner CPU %5.0f us/connection  lines ok %d/%d%n", round, warm ? "        "
                            : " warm-up", set.label(), r.seconds(), r.accepted() / (double) args.endpoints(),
                            r.engineConnections() / (double) args.endpoints(), micros(r.scannerCpuNanos(),
                                    r.accepted()), r.linesOk(), args.endpoints());
                    if (!r.problems().isEmpty()) {
                        r.problems().forEach(p -> out.println("  problem: " + p));
                        return 1;
                    }
                    if (warm) {
                        measured.get(set).add(r);
                    }
                }
            }
            summary(args, measured, starttls, direct, out);
            out.println("load average at the end: " + loadAverage());
            return 0;
        } finally {
            deleteTree(work);
        }
    }

    /** The TLS both sets serve: BoringSSL, TLS 1.0-1.2, eight suites in the client's order, the farm's leaf. */
    private static TlsTargetSpec tls(String name) {
        return DefaultProfiles.mixed().toBuilder().name(name).build();
    }

    /** {@code tlsweep scan}'s configuration with its defaults, trusting the farm's CA as {@code --ca-file} would. */
    private static Function<Path, RunConfig> runConfig(StarttlsBenchArgs args, TargetFarm farm) {
        EngineSettings d = EngineSettings.DEFAULTS;
        EngineSettings engine = new EngineSettings(d.connectTimeoutMs(), d.readTimeoutMs(), d.targetBudgetSeconds(),
                args.concurrency(), args.perHost(), d.rate());
        ScanOptions options = new ScanOptions(ProtocolVersion.HELLO_VERSIONS, true, true, true);
        ProfileSettings clients = args.profiles()
                ? new ProfileSettings(ProfileFile.builtIn().profiles(), false, Optional.empty(), false)
                : ProfileSettings.none();
        AnchorLoad jdk = TrustAnchors.jdkDefaults();
        if (!(jdk instanceof AnchorLoad.Loaded loaded)) {
            throw new IllegalStateException("the JDK's trust store cannot be read: " + jdk);
        }
        ChainPolicy certificates = new ChainPolicy(loaded.anchors().plus(TrustAnchors.of("farm CA",
                List.of(farm.caCertificate()))), ChainPolicy.DEFAULT_EXPIRING_SOON_DAYS);
        return dir -> RunConfig.of(engine.engine(Scope.DEFAULT), options, clients, certificates, dir)
                .preludes(PreludeSettings.DEFAULT);
    }

    private static void header(StarttlsBenchArgs args, TargetFarm farm, PrintStream out) {
        out.println("StarttlsBenchmark " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", farm "
                + farm.transport() + ", load average " + loadAverage());
        out.println(args.endpoints() + " endpoints per set on 127.0.0.1, each served by:");
        out.println("  " + farm.target("smtp-1").describe() + "  (SMTP: greeting, EHLO, STARTTLS, then TLS)");
        out.println("  " + farm.target("direct-1").describe() + "  (TLS from the first byte)");
        out.println("scan: --per-host " + args.perHost() + " --concurrency " + args.concurrency()
                + (args.profiles() ? " with the client profiles" : " --no-profiles") + ", real-stack check on; "
                + args.warmup() + " warm-up round(s), then " + args.rounds() + " measured, the order flipping"
                + " every round");
    }

    private static void summary(StarttlsBenchArgs args, Map<EndpointSet, List<EndpointSet.Round>> measured,
            EndpointSet starttls, EndpointSet direct, PrintStream out) {
        int n = args.endpoints();
        out.printf(Locale.ROOT, "== median (min-max) over %d round(s), %d endpoints per set, %s%n", args.rounds(), n,
                args.profiles() ? "client profiles on" : "--no-profiles");
        for (Map.Entry<EndpointSet, List<EndpointSet.Round>> e : measured.entrySet()) {
            List<EndpointSet.Round> rounds = e.getValue();
            out.println(e.getKey().label() + ":");
            out.println("  connections per endpoint (servers' accepts): "
                    + spread(rounds, r -> r.accepted() / (double) n).format(2)
                    + "; the engine's own count: " + spread(rounds, r -> r.engineConnections() / (double) n)
                            .format(2) + "; client profiles per endpoint: " + spread(rounds, r -> r.profiles()
                            / (double) n).format(2));
            Spread wall = spread(rounds, EndpointSet.Round::seconds);
            out.printf(Locale.ROOT, "  wall time per set: %s s = %.1f endpoints/s%n", wall.format(2), n / wall.median());
            out.println("  scanner CPU per connection: " + spread(rounds, r -> micros(r.scannerCpuNanos(),
                    r.accepted())).format(0) + " us; per endpoint: " + spread(rounds, r -> r.scannerCpuNanos()
                    / 1e6 / n).format(1) + " ms");
            out.println("  farm CPU per connection: " + spread(rounds, r -> micros(r.farmCpuNanos(), r.accepted()))
                    .format(0) + " us");
        }
        ToDoubleFunction<EndpointSet.Round> perConnection = r -> micros(r.scannerCpuNanos(), r.accepted());
        out.printf(Locale.ROOT, "STARTTLS / direct (medians): connections %.3f, wall time %.3f, scanner CPU per"
                + " connection %.3f, per endpoint %.3f%n",
                spread(measured.get(starttls), r -> r.accepted()).ratioTo(spread(measured.get(direct),
                        r -> r.accepted())),
                spread(measured.get(starttls), EndpointSet.Round::seconds).ratioTo(spread(measured.get(direct),
                        EndpointSet.Round::seconds)),
                spread(measured.get(starttls), perConnection).ratioTo(spread(measured.get(direct), perConnection)),
                spread(measured.get(starttls), r -> r.scannerCpuNanos()).ratioTo(spread(measured.get(direct),
                        r -> r.scannerCpuNanos())));
    }

    private static Spread spread(List<EndpointSet.Round> rounds, ToDoubleFunction<EndpointSet.Round> value) {
        return Spread.of(rounds.stream().map(r -> value.applyAsDouble(r)).toList());
    }

    private static double micros(long nanos, long connections) {
        return nanos / 1e3 / Math.max(1, connections);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
