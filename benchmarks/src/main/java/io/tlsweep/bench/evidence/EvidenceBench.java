package io.tlsweep.bench.evidence;

import io.tlsweep.bench.CapturedBytes;
import io.tlsweep.bench.evidence.EvidenceTiming.HeapSample;
import io.tlsweep.bench.evidence.EvidenceTiming.Read;
import io.tlsweep.evidence.EvidenceInput;
import io.tlsweep.evidence.EvidenceReader;
import io.tlsweep.evidence.EvidenceReaders;
import io.tlsweep.evidence.EvidenceTally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What reading evidence costs, on one thread: nginx log lines per second ({@link NginxLines} written to a temporary
 * file, then read by the "nginx" reader into a tally, warm-up then timed rounds), capture megabytes per second
 * ({@link PcapFlows}, read by the "pcap" reader), and the heap after a full collection while a 10-million-line
 * log streams through the nginx reader into a tally (sampled at 1, 5 and 10 million handshakes: memory must not
 * grow with the input; run it with {@code -Xmx256m}). Before timing, each reader must read a small generated
 * input exactly (every line or flow a handshake of the version generated), so a format that changed is an error,
 * not a fast number.
 *
 * <pre>
 * taskset -c 0 java -Xmx256m -cp benchmarks/target/benchmarks.jar io.tlsweep.bench.evidence.EvidenceBench
 *     [--lines 2000000] [--flows 100000] [--heap-lines 10000000] [--rounds 3] [--only lines,pcap,heap]
 *     [--dir DIR]
 * </pre>
 * Exit code 0; 1 when a reader misread the generated input or the heap grew by more than {@value #GROWTH_MIB} MiB
 * from the first sample to the last; 2 for bad arguments or a reader missing from the registry.
 */
public final class EvidenceBench {
    /** The heap growth (MiB) past which the streaming run fails. */
    static final int GROWTH_MIB = 16;
    /** The captured flights a generated capture is made of, one TLS version each. */
    static final List<String> FLIGHTS = List.of("tls10-rsa-aes128", "tls11-ecdhe-rsa", "tls12-ecdhe-rsa",
            "tls13-aes128");
    private static final Set<String> PARTS = Set.of("lines", "pcap", "heap");

    private EvidenceBench() {
    }

    public static void main(String[] args) throws IOException {
        long lines = 2_000_000;
        long flows = 100_000;
        long heapLines = 10_000_000;
        int rounds = 3;
        List<String> only = List.copyOf(PARTS);
        Path dir = null;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--lines" -> lines = Long.parseLong(value);
                    case "--flows" -> flows = Long.parseLong(value);
                    case "--heap-lines" -> heapLines = Long.parseLong(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--only" -> only = Arrays.asList(value.split(","));
                    case "--dir" -> dir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (lines < 1 || flows < 1 || heapLines < 1 || rounds < 1 || !PARTS.containsAll(only)) {
                throw new IllegalArgumentException("counts must be positive; --only takes lines, pcap, heap");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("EvidenceBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        // both readers looked up before anything is written, so a missing one leaves nothing behind
        EvidenceReader nginx = only.contains("lines") || only.contains("heap") ? reader("nginx") : null;
        EvidenceReader pcap = only.contains("pcap") ? reader("pcap") : null;
        Path work = dir == null ? Files.createTempDirectory("evidence-bench") : Files.createDirectories(dir);
        boolean ok = true;
        try {
            if (only.contains("lines")) {
                ok &= lines(nginx, work.resolve("access.log"), lines, rounds);
            }
            if (pcap != null) {
                ok &= pcap(pcap, work.resolve("flows.pcap"), flows, rounds);
            }
            if (only.contains("heap")) {
                ok &= heap(nginx, heapLines);
            }
        } finally {
            Files.deleteIfExists(work.resolve("access.log"));
            Files.deleteIfExists(work.resolve("flows.pcap"));
            Files.deleteIfExists(work.resolve("check.log"));
            Files.deleteIfExists(work.resolve("check.pcap"));
            if (dir == null) {
                Files.deleteIfExists(work);
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static EvidenceReader reader(String name) {
        Optional<EvidenceReader> r = EvidenceReaders.named(name);
        if (r.isEmpty()) {
            System.err.println("EvidenceBench: no reader named '" + name + "' in EvidenceReaders.BUILT_IN (known: "
                    + EvidenceReaders.names() + ")");
            System.exit(2);
        }
        return r.get();
    }

    private static boolean lines(EvidenceReader nginx, Path file, long n, int rounds) throws IOException {
        NginxLines.write(file.resolveSibling("check.log"), 1000);
        Read check = EvidenceTiming.read(nginx, file.resolveSibling("check.log"));
        if (check.observations() != 1000 || check.problems() != 0) {
            System.err.printf("EvidenceBench: the nginx reader read %d handshake(s) and %d problem(s) from 1000"
                    + " generated lines (first: %s): NginxLines must write its log format%n", check.observations(),
                    check.problems(), check.firstProblem().map(Object::toString).orElse("none"));
            return false;
        }
        long bytes = NginxLines.write(file, n);
        System.out.printf(Locale.ROOT, "nginx log: %,d lines, %.1f MB, one thread%n", n, bytes / 1e6);
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            Read r = EvidenceTiming.read(nginx, file);
            if (r.observations() != n) {
                System.err.printf("EvidenceBench: %d of %d lines read as handshakes%n", r.observations(), n);
                return false;
            }
            System.out.printf(Locale.ROOT, "  %s: %,.0f lines/s, %.1f MB/s, CPU %.2f s of %.2f s, %d keys%n",
                    round == 0 ? "warm-up" : "round " + round, r.perSecond(n), r.megabytesPerSecond(),
                    r.cpuNanos() / 1e9, r.wallNanos() / 1e9, r.keys());
            if (round > 0) {
                rates.add(r.perSecond(n));
            }
        }
        System.out.printf(Locale.ROOT, "nginx: median %,.0f lines/s%n", median(rates));
        return true;
    }

    private static boolean pcap(EvidenceReader pcap, Path file, long flows, int rounds) throws IOException {
        List<PcapFlows.Flight> flights = FLIGHTS.stream().map(f -> new PcapFlows.Flight(f,
                CapturedBytes.load(f + ".client.hex"), CapturedBytes.load(f + ".server.hex"))).toList();
        Path check = file.resolveSibling("check.pcap");
        PcapFlows.write(check, 8, flights);
        EvidenceTally tally = new EvidenceTally();
        try (EvidenceInput in = EvidenceInput.open(check)) {
            pcap.read(in, tally);
        }
        List<String> versions = tally.summary().daily().stream()
                .map(d -> d.version() + "=" + (d.established() + d.failed())).toList();
        if (!versions.equals(List.of("TLSv1.0=2", "TLSv1.1=2", "TLSv1.2=2", "TLSv1.3=2"))
                || tally.summary().problemCount() != 0) {
            System.err.println("EvidenceBench: the pcap reader read " + versions + " from 8 generated flows (2 of each"
                    + " version expected); problems: " + tally.summary().problems());
            return false;
        }
        long bytes = PcapFlows.write(file, flows, flights);
        System.out.printf(Locale.ROOT, "pcap: %,d flows, %.1f MB, one thread%n", flows, bytes / 1e6);
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            Read r = EvidenceTiming.read(pcap, file);
            if (r.observations() != flows) {
                System.err.printf("EvidenceBench: %d of %d flows read as handshakes%n", r.observations(), flows);
                return false;
            }
            System.out.printf(Locale.ROOT, "  %s: %.1f MB/s, %,.0f flows/s, CPU %.2f s of %.2f s%n",
                    round == 0 ? "warm-up" : "round " + round, r.megabytesPerSecond(), r.perSecond(flows),
                    r.cpuNanos() / 1e9, r.wallNanos() / 1e9);
            if (round > 0) {
                rates.add(r.megabytesPerSecond());
            }
        }
        System.out.printf(Locale.ROOT, "pcap: median %.1f MB/s%n", median(rates));
        return true;
    }

    private static boolean heap(EvidenceReader nginx, long n) throws IOException {
        long[] at = n >= 10 ? new long[] {n / 10, n / 2} : new long[0];
        System.out.printf(Locale.ROOT, "heap: %,d generated lines streamed through the nginx reader, max heap %d MiB%n",
                n, Runtime.getRuntime().maxMemory() >> 20);
        long start = System.nanoTime();
        List<HeapSample> samples = EvidenceTiming.heap(nginx, NginxLines.stream(n), at);
        for (HeapSample s : samples) {
            System.out.printf(Locale.ROOT, "  after %,d handshakes: %.1f MiB in use after GC%n", s.observations(),
                    s.usedBytes() / 1048576.0);
        }
        long growth = samples.get(samples.size() - 1).usedBytes() - samples.get(0).usedBytes();
        System.out.printf(Locale.ROOT, "heap: growth from the first sample to the last %+.1f MiB in %.1f s%n",
                growth / 1048576.0, (System.nanoTime() - start) / 1e9);
        if (samples.get(samples.size() - 1).observations() != n) {
            System.err.printf("EvidenceBench: %d of %d lines read as handshakes%n",
                    samples.get(samples.size() - 1).observations(), n);
            return false;
        }
        return growth <= (long) GROWTH_MIB << 20;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
