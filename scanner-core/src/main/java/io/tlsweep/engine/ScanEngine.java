package io.tlsweep.engine;

import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.probe.ProbePlan;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Drives {@link ProbePlan}s over real connections, one step's conversation per connection (a prelude, a
 * ClientHello, follow-ups): the only code in tlsweep that touches Netty channels. Connections it does not open
 * for a plan (full handshakes, bench) pass its {@link #gate()}, so every connection of a run shares one global
 * cap, one per-host cap and one per-host rate.
 *
 * <p>Threads: one event-loop group (epoll or NIO) where each target is pinned to one loop for its whole
 * life, so its plan is only ever called from that thread; one coordinator thread that pulls targets and
 * calls the sink. Limits shared between loops (global in flight, per-address connections and rate) are
 * small locks taken once per connection.
 */
public final class ScanEngine implements AutoCloseable {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private final EngineConfig config;
    private final Transport transport;
    private final DnsHostResolver ownResolver;
    private final EngineParts parts;
    private final ExecutorService coordinator;
    private final ConnectionGate gate;
    private final HandshakeClient handshakes;

    public ScanEngine(EngineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = new Transport(config);
        this.ownResolver = config.resolver().isPresent() ? null
                : new DnsHostResolver(transport.nextLoop(), transport.datagramType());
        HostResolver resolver = config.resolver().orElse(ownResolver);
        this.parts = new EngineParts(config, transport, resolver,
                new HostGate.Registry(config.perHostConnections(), config.perHostRate()),
                new PermitGate(config.maxInFlight()), config.metrics());
        this.gate = new ConnectionGate(parts);
        this.coordinator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tlsweep-coordinator");
            t.setDaemon(true);
            return t;
        });
        this.handshakes = HandshakeClient.through(this); // reads the config, transport and gate set above
    }

    /**
     * Scans every target of {@code targets}: {@code endpointOf} says where to connect, {@code planner} makes
     * its plan, and {@code sink} gets one result per target, from one thread at a time. The future completes
     * when the input is exhausted and every target has reached the sink, or exceptionally when the iterator
     * or the sink throws.
     */
    public <T, P extends ProbePlan> CompletableFuture<RunStats> run(Iterator<? extends T> targets,
            Function<? super T, Endpoint> endpointOf, Function<? super T, ? extends P> planner,
            Consumer<? super EngineResult<T, P>> sink) {
        Objects.requireNonNull(sink);
        return this.<T, P>runThen(targets, endpointOf, planner, (EngineResult<T, P> r) -> {
            sink.accept(r);
            return DONE;
        });
    }

    /**
     * As {@link #run}, with work that follows each result: {@code then} returns a stage (a real-stack check and
     * writing the line, say), and the target keeps its place among the {@code maxActiveTargets} until the stage
     * completes, which bounds that work with the scan. The future completes once every stage has.
     */
    public <T, P extends ProbePlan> CompletableFuture<RunStats> runThen(Iterator<? extends T> targets,
            Function<? super T, Endpoint> endpointOf, Function<? super T, ? extends P> planner,
            Function<? super EngineResult<T, P>, ? extends CompletionStage<?>> then) {
        return new EngineRun<T, P>(parts, handshakes, coordinator, Objects.requireNonNull(targets),
                Objects.requireNonNull(endpointOf), Objects.requireNonNull(planner), Objects.requireNonNull(then))
                .begin();
    }

    /**
     * The gate every connection this engine does not open for a plan goes through (full handshakes, bench): the
     * same global cap, per-host cap and per-host rate as the plans' connections.
     */
    public ConnectionGate gate() {
        return gate;
    }

    /** The engine's event loops and channels, for connections that go through {@link #gate()}. */
    public Transport transport() {
        return transport;
    }

    public EngineConfig config() {
        return config;
    }

    public ScanMetrics metrics() {
        return config.metrics();
    }

    /** "epoll" or "nio". */
    public String transportName() {
        return transport.name();
    }

    /** Connections that may still be opened now, under the global cap. */
    int inFlightAvailable() {
        return parts.inFlight().available();
    }

    @Override
    public void close() {
        if (ownResolver != null) {
            ownResolver.close();
        }
        transport.close();
        coordinator.shutdown();
        try {
            coordinator.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
