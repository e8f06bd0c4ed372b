package io.tlsweep.cli;

import io.tlsweep.engine.handshake.BenchPlan;
import io.tlsweep.engine.handshake.BenchResult;
import io.tlsweep.engine.handshake.HandshakeBench;
import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.engine.handshake.HandshakeTarget;
import io.tlsweep.engine.handshake.TlsProvider;
import io.tlsweep.metrics.Percentiles;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.RealStackCheck;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.target.Target;
import io.tlsweep.wire.CipherSuite;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench --matrix}: scan the endpoint first, then benchmark every (version, suite) it accepts that a
 * local stack can offer, one after the other, and print one row each; the scan and the handshakes go through one
 * engine's limits.
 */
final class BenchMatrix {
    private BenchMatrix() {
    }

    /** Scans {@code target} with {@code scanner}, then benchmarks through the same engine's gate. */
    static int run(Target target, HandshakeTarget where, TlsScanner scanner, int concurrency, Duration each,
            PrintWriter out) throws InterruptedException {
        List<TargetResult> scanned = new ArrayList<>();
        scanner.scan(List.of(target).iterator(), scanned::add).join();
        HandshakeClient client = scanner.handshakes();
        HandshakeBench bench = new HandshakeBench(client, client.config());
        TargetResult r = scanned.get(0);
        if (r.protocols().isEmpty()) {
            out.println("nothing to benchmark: " + r.status() + r.failure().map(f -> " (" + f + ")").orElse(""));
            return ExitCodes.RUNTIME;
        }
        RealStackCheck stacks = new RealStackCheck(client);
        out.printf("%-8s %-46s %-10s %10s %9s %9s %9s %7s%n", "version", "suite", "provider", "hs/s", "p50 us",
                "p99 us", "max us", "errors");
        int benched = 0;
        for (ProtocolSupport p : r.protocols()) {
            for (CipherSuite s : p.cipherSuites()) {
                Optional<TlsProvider> provider = stacks.providerFor(p.version(), s);
                if (provider.isEmpty()) {
                    out.printf("%-8s %-46s %-10s (no local TLS stack offers it)%n", p.version(), s.ianaName(), "-");
                    continue;
                }
                HandshakeSpec spec = new HandshakeSpec(provider.get(), List.of(p.version()), List.of(s));
                BenchResult b = bench.run(BenchPlan.closedLoop(where, spec, concurrency, each, Long.MAX_VALUE));
                Percentiles l = b.latencyPercentiles();
                out.printf("%-8s %-46s %-10s %10.1f %9d %9d %9d %7d%n", p.version(), s.ianaName(),
                        provider.get().label(), b.handshakesPerSecond(), l.p50(), l.p99(), l.max(), b.failed());
                out.flush();
                benched++;
            }
        }
        return benched > 0 ? ExitCodes.OK : ExitCodes.RUNTIME;
    }
}
