package io.tlsweep.scan;

import io.tlsweep.engine.Endpoint;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.EngineResult;
import io.tlsweep.engine.RunStats;
import io.tlsweep.engine.ScanEngine;
import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.probe.TargetResults;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.target.Target;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scans targets end to end: the engine drives one {@link TargetScan} per target and every finished target
 * is folded into a {@link TargetResult} for the sink. The one place where engine, probes and results meet.
 */
public final class TlsScanner implements AutoCloseable {
    private final ScanEngine engine;
    private final ScanOptions options;

    public TlsScanner(EngineConfig config, ScanOptions options) {
        this.engine = new ScanEngine(config);
        this.options = options;
    }

    /** Scans every target; the sink is called once per target, from one thread at a time. */
    public CompletableFuture<RunStats> scan(Iterator<Target> targets, Consumer<TargetResult> sink) {
        return engine.<Target, TargetScan>run(targets, t -> new Endpoint(t.host(), t.port()),
                t -> new TargetScan(t.sni(), options), r -> sink.accept(toResult(r)));
    }

    public ScanMetrics metrics() {
        return engine.metrics();
    }

    public String transportName() {
        return engine.transportName();
    }

    static TargetResult toResult(EngineResult<Target, TargetScan> r) {
        Optional<String> address = r.address().map(InetAddress::getHostAddress);
        long millis = TimeUnit.NANOSECONDS.toMillis(r.elapsedNanos());
        Optional<Failure> engineFailure = switch (r.status()) {
            case DONE -> Optional.empty();
            case BUDGET_EXCEEDED -> Optional.of(Failure.of(FailureKind.BUDGET_EXCEEDED,
                    r.targetFailure().map(Failure::detail).orElse("time budget exceeded")));
            case DNS_FAILURE, PLAN_ERROR -> r.targetFailure();
        };
        if (r.plan() == null) {
            return new TargetResult(r.target(), address, ScanStatus.ERROR, engineFailure, List.of(), List.of(),
                    List.of(), false, List.of(), r.connections(), millis);
        }
        return TargetResults.of(r.plan(), r.target(), address, engineFailure, millis);
    }

    @Override
    public void close() {
        engine.close();
    }
}
