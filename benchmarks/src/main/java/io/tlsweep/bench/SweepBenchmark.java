package io.tlsweep.bench;

import com.sun.management.OperatingSystemMXBean;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.RunStats;
import io.tlsweep.engine.ScanEngine;
import io.tlsweep.engine.Endpoint;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.input.Target;
import io.tlsweep.input.TargetSource;
import io.tlsweep.wire.ServerResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * End-to-end engine benchmarks against servers on loopback (see scripts/nginx-sweep.sh):
 * <ul>
 *   <li>{@code full FILE}: a full scan of every target; targets/s, connections per target, CPU per hello;</li>
 *   <li>{@code reject FILE HELLOS}: HELLOS rejected hellos spread over the targets; rejected hellos/s;</li>
 *   <li>{@code memory FILE}: a full scan of a huge target file (closed ports); heap after GC over the run.</li>
 * </ul>
 * Concurrency comes from {@code -Dconcurrency=N} (default 256), event-loop threads from
 * {@code -DeventLoops=N} (default: cores); the full scan runs {@code -Drounds=N} times
 * (default 2: the first warms up the JIT, the later ones are the steady state).
 */
public final class SweepBenchmark {
    private SweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SweepBenchmark full|reject|memory TARGETS_FILE [HELLOS]");
            System.exit(2);
        }
        int concurrency = Integer.getInteger("concurrency", 256);
        EngineConfig config = EngineConfig.builder()
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(5))
                .targetBudget(Duration.ofSeconds(300))
                .maxInFlight(concurrency)
                .perHostConnections(Integer.getInteger("perHost", 8))
                .eventLoopThreads(Integer.getInteger("eventLoops", Runtime.getRuntime().availableProcessors()))
                .build();
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "full" -> {
                for (int round = 1, rounds = Integer.getInteger("rounds", 2); round <= rounds; round++) {
                    System.out.println("round " + round + " of " + rounds + (round == 1 && rounds > 1
                            ? " (JIT warm-up)" : ""));
                    full(config, file);
                }
            }
            case "reject" -> reject(config, file, Integer.parseInt(args[2]));
            case "memory" -> memory(config, file);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static TargetSource targets(Path file) {
        return TargetSource.builder(List.of(443)).file(file)
                .onError(e -> System.err.println("input error: " + e)).build();
    }

    private static void full(EngineConfig config, Path file) {
        List<TargetResult> results = new ArrayList<>();
        long cpu0 = cpuNanos();
        long[] ticks0 = userSystemTicks();
        long t0 = System.nanoTime();
        RunStats stats;
        List<ClientProfile> profiles = Boolean.getBoolean("profiles") ? ProfileFile.builtIn().profiles() : List.of();
        try (TlsScanner scanner = new TlsScanner(config, ScanOptions.full(), profiles, false);
                TargetSource in = targets(file)) {
            stats = scanner.scan(in, r -> {
                if (!profiles.isEmpty()) {
                    ClientImpact.of(r, profiles, Optional.of(ClientImpact.LEGACY_OFF));
                }
                results.add(r);
            }).join();
            System.out.println("transport: " + scanner.transportName() + (profiles.isEmpty() ? ""
                    : ", " + profiles.size() + " client profiles (hellos, predictions and what-ifs)"));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        long ok = results.stream().filter(r -> r.status().label().equals("ok")).count();
        System.out.printf(Locale.ROOT, "targets: %d (%d ok) in %.2f s = %.1f targets/s%n", results.size(), ok,
                seconds, results.size() / seconds);
        System.out.printf(Locale.ROOT, "connections: %d = %.1f per target, %.0f hellos/s%n", stats.connections(),
                stats.connections() / (double) results.size(), stats.connections() / seconds);
        System.out.printf(Locale.ROOT, "scanner CPU: %.2f s %s = %.1f us per hello%n", cpu / 1e9,
                userSystemSince(ticks0), cpu / 1e3 / stats.connections());
        System.out.println("hellos by outcome: " + stats.hellosByOutcome());
        System.out.println("per-target versions seen: " + results.stream().map(r -> r.protocols().stream()
                .map(p -> p.version() + "x" + p.cipherSuites().size()).collect(Collectors.joining(",")))
                .distinct().toList());
    }

    private static void reject(EngineConfig config, Path file, int hellos) {
        List<Target> all = new ArrayList<>();
        targets(file).forEachRemaining(all::add);
        int perTarget = Math.max(1, hellos / all.size());
        AtomicLong rejected = new AtomicLong();
        AtomicLong other = new AtomicLong();
        long cpu0 = cpuNanos();
        long[] ticks0 = userSystemTicks();
        long t0 = System.nanoTime();
        try (ScanEngine engine = new ScanEngine(config)) {
            engine.<Target, RejectionPlan>run(all.iterator(), t -> new Endpoint(t.host(), t.port()),
                    t -> new RejectionPlan(perTarget, config.perHostConnections()), r -> {
                        for (ConnectionOutcome o : r.plan().outcomes) {
                            boolean alert = o instanceof ConnectionOutcome.Replied rep
                                    && rep.response() instanceof ServerResponse.Alert;
                            (alert ? rejected : other).incrementAndGet();
                        }
                    }).join();
            System.out.println("transport: " + engine.transportName());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        System.out.printf(Locale.ROOT, "rejected hellos: %d (+%d other outcomes) in %.2f s = %.0f rejected hellos/s%n",
                rejected.get(), other.get(), seconds, rejected.get() / seconds);
        System.out.printf(Locale.ROOT, "scanner CPU: %.2f s %s = %.1f us per hello%n", cpu / 1e9,
                userSystemSince(ticks0), cpu / 1e3 / (rejected.get() + other.get()));
    }

    private static void memory(EngineConfig config, Path file) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong done = new AtomicLong();
        List<String> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        try (TlsScanner scanner = new TlsScanner(config, ScanOptions.full()); TargetSource in = targets(file)) {
            scanner.scan(in, r -> {
                long n = done.incrementAndGet();
                if (n % 100_000 == 0) {
                    System.gc();
                    long used = memory.getHeapMemoryUsage().getUsed();
                    samples.add(String.format(Locale.ROOT, "%d targets: heap %.1f MB", n, used / 1048576.0));
                    System.out.println(samples.get(samples.size() - 1));
                }
            }).join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%d targets in %.1f s = %.0f targets/s; max heap %.0f MB%n", done.get(),
                seconds, done.get() / seconds, Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    /** User and system CPU of this process so far, in clock ticks, from /proc (Linux); empty elsewhere. */
    private static long[] userSystemTicks() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static String userSystemSince(long[] before) {
        long[] now = userSystemTicks();
        return String.format(Locale.ROOT, "(user %.2f s, system %.2f s)", (now[0] - before[0]) / 100.0,
                (now[1] - before[1]) / 100.0);
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
