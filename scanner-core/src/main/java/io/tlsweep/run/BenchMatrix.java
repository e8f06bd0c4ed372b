package io.tlsweep.run;

import io.tlsweep.engine.handshake.BenchPlan;
import io.tlsweep.engine.handshake.BenchResult;
import io.tlsweep.engine.handshake.HandshakeBench;
import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.engine.handshake.HandshakeTarget;
import io.tlsweep.engine.handshake.TlsProvider;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.RealStackCheck;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code bench --matrix}: scan the endpoint first, then benchmark every (version, suite) it accepts that a
 * local stack can offer, one after the other, one row each; the scan and the handshakes go through one engine's
 * limits.
 */
public final class BenchMatrix {
    private BenchMatrix() {
    }

    /** One (version, suite) the endpoint accepts: benchmarked, or offered by no local TLS stack. */
    public record Row(ProtocolVersion version, CipherSuite suite, Optional<TlsProvider> provider,
            Optional<BenchResult> result) {
    }

    /** The endpoint scanned in full with {@code scanner}, as the matrix's list of what it accepts. */
    public static TargetResult scan(Target target, TlsScanner scanner) {
        List<TargetResult> scanned = new ArrayList<>();
        scanner.scan(List.of(target).iterator(), scanned::add).join();
        return scanned.get(0);
    }

    /**
     * Benchmarks every accepted (version, suite) of {@code scanned} for {@code each} or {@code count} handshakes,
     * whichever ends first, through {@code scanner}'s engine, handing each row to {@code rows} as it is done;
     * returns how many were benchmarked.
     */
    public static int bench(TargetResult scanned, HandshakeTarget where, TlsScanner scanner, int concurrency,
            Duration each, long count, Consumer<Row> rows) throws InterruptedException {
        HandshakeClient client = scanner.handshakes();
        HandshakeBench bench = new HandshakeBench(client, client.config());
        RealStackCheck stacks = new RealStackCheck(client, scanner.preludes());
        int benched = 0;
        for (ProtocolSupport p : scanned.protocols()) {
            for (CipherSuite s : p.cipherSuites()) {
                Optional<TlsProvider> provider = stacks.providerFor(p.version(), s);
                if (provider.isEmpty()) {
                    rows.accept(new Row(p.version(), s, Optional.empty(), Optional.empty()));
                    continue;
                }
                HandshakeSpec spec = new HandshakeSpec(provider.get(), List.of(p.version()), List.of(s));
                BenchResult b = bench.run(BenchPlan.closedLoop(where, spec, concurrency, each, count));
                rows.accept(new Row(p.version(), s, provider, Optional.of(b)));
                benched++;
            }
        }
        return benched;
    }
}
