package io.tlsweep.scan;

import io.tlsweep.check.Check;
import io.tlsweep.check.Checks;
import io.tlsweep.engine.Endpoint;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.EngineResult;
import io.tlsweep.engine.RunStats;
import io.tlsweep.engine.ScanEngine;
import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.probe.TargetResults;
import io.tlsweep.probe.Baseline;
import io.tlsweep.probe.EndpointPlan;
import io.tlsweep.probe.PlanSettings;
import io.tlsweep.profile.BuiltInProfiles;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Scans targets end to end: the engine drives one {@link EndpointPlan} per target, made of the registry's checks,
 * and every finished target is folded into a {@link TargetResult} for the sink. The one place where engine,
 * checks and results meet. Its {@link #handshakes()} client makes real handshakes through the same engine, under
 * the same limits.
 */
public final class TlsScanner implements AutoCloseable {
    private final ScanEngine engine;
    private final HandshakeClient handshakes;
    private final ScanOptions options;
    private final List<ClientProfile> profiles;
    private final boolean profilesOnly;
    private final Checks checks;
    private final PreludeSettings preludes;

    public TlsScanner(EngineConfig config, ScanOptions options) {
        this(config, options, List.of(), false);
    }

    /**
     * @param profiles client profiles whose own hellos are sent to every endpoint after its scan
     * @param profilesOnly send only the profile hellos (the quick "who can talk to it today" mode)
     */
    public TlsScanner(EngineConfig config, ScanOptions options, List<ClientProfile> profiles, boolean profilesOnly) {
        this(config, options, profiles, profilesOnly, Checks.BUILT_IN);
    }

    /** As the others, running {@code checks} on every endpoint ({@link Checks#BUILT_IN} unless a test says). */
    public TlsScanner(EngineConfig config, ScanOptions options, List<ClientProfile> profiles, boolean profilesOnly,
            Checks checks) {
        this(config, options, profiles, profilesOnly, checks, PreludeSettings.DEFAULT);
    }

    /**
     * As the others; a target that speaks a prelude before TLS ({@link Target#prelude()}) says it on every
     * connection, introduced as {@code preludes} says.
     */
    public TlsScanner(EngineConfig config, ScanOptions options, List<ClientProfile> profiles, boolean profilesOnly,
            Checks checks, PreludeSettings preludes) {
        if (profilesOnly && profiles.isEmpty()) {
            throw new IllegalArgumentException("a profiles-only scan needs at least one profile");
        }
        this.engine = new ScanEngine(config);
        this.handshakes = HandshakeClient.through(engine);
        this.options = options;
        this.profiles = BuiltInProfiles.copyOf(profiles);
        this.profilesOnly = profilesOnly;
        this.checks = checks;
        this.preludes = preludes;
    }

    /**
     * The checks of the run: analysis and the result line need them for the parts they produced. The optional
     * ones among them run as the options' {@link ScanOptions#checks() selection} says.
     */
    public Checks checks() {
        return checks;
    }

    /** Scans every target; the sink is called once per target, from one thread at a time. */
    public CompletableFuture<RunStats> scan(Iterator<Target> targets, Consumer<TargetResult> sink) {
        return scanThen(targets, r -> {
            sink.accept(r);
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Scans every target; {@code then} is called once per target, from one thread at a time, and returns the
     * stage of what follows the result (its real-stack check, writing its line). A target counts among the
     * engine's active targets until that stage completes, which bounds the follow-on work with the scan; the
     * future completes once every stage has.
     */
    public CompletableFuture<RunStats> scanThen(Iterator<Target> targets,
            Function<TargetResult, ? extends CompletionStage<?>> then) {
        PlanSettings settings = new PlanSettings(options, profiles, profilesOnly, false);
        List<Check<?>> running = checks.running(options.checks());
        return engine.<Target, EndpointPlan>runThen(targets, t -> new Endpoint(t.host(), t.port(), t.prelude()),
                t -> EndpointPlan.of(t.sni(), t.host(), t.port(), preludes.prelude(t), Optional.empty(), settings,
                        running),
                r -> then.apply(toResult(r)));
    }

    /**
     * Re-checks every target that has a baseline (the cheap check; a full scan only where it answers
     * differently) and scans the others in full. {@code then} gets each result and whether it was found
     * unchanged (an unchanged result carries no protocols, as the baseline's still hold), as in
     * {@link #scanThen}.
     */
    public CompletableFuture<RunStats> recheck(Iterator<Target> targets, Function<Target, Optional<Baseline>> baselines,
            boolean legacyWatch, BiFunction<TargetResult, Boolean, ? extends CompletionStage<?>> then) {
        // a re-check is followed by the full scan wherever the endpoint changed, profiles-only or not
        PlanSettings settings = new PlanSettings(options, profiles, false, legacyWatch);
        List<Check<?>> running = checks.running(options.checks());
        return engine.<Target, EndpointPlan>runThen(targets, t -> new Endpoint(t.host(), t.port(), t.prelude()),
                t -> EndpointPlan.of(t.sni(), t.host(), t.port(), preludes.prelude(t), baselines.apply(t), settings,
                        running),
                r -> then.apply(toResult(r), r.plan() != null && r.plan().unchangedSinceBaseline()));
    }

    /**
     * Full handshakes with a real TLS stack through this scanner's engine: they share its global cap, per-host
     * cap and per-host rate with the scan's own connections.
     */
    public HandshakeClient handshakes() {
        return handshakes;
    }

    /** How this scanner's targets speak their preludes: the real-stack check and bench say the same. */
    public PreludeSettings preludes() {
        return preludes;
    }

    public ScanMetrics metrics() {
        return engine.metrics();
    }

    public String transportName() {
        return engine.transportName();
    }

    static TargetResult toResult(EngineResult<Target, EndpointPlan> r) {
        Optional<String> address = r.address().map(InetAddress::getHostAddress);
        long millis = TimeUnit.NANOSECONDS.toMillis(r.elapsedNanos());
        Optional<Failure> engineFailure = switch (r.status()) {
            case DONE -> Optional.empty();
            case BUDGET_EXCEEDED -> Optional.of(Failure.of(FailureKind.BUDGET_EXCEEDED,
                    r.targetFailure().map(Failure::detail).orElse("time budget exceeded")));
            case DNS_FAILURE, PLAN_ERROR, EXCLUDED -> r.targetFailure();
        };
        if (r.plan() == null) {
            return new TargetResult(r.target(), address, ScanStatus.ERROR, engineFailure, List.of(), Map.of(), List.of(),
                    List.of(), false, List.of(), Map.of(), r.connections(), millis);
        }
        return TargetResults.of(r.plan(), r.target(), address, engineFailure, millis);
    }

    @Override
    public void close() {
        engine.close();
    }
}
