package io.tlsweep.engine;

import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.probe.ProbePlan;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Drives {@link ProbePlan}s over real connections, one ClientHello per connection: the only code in
 * tlsweep that touches Netty channels.
 *
 * <p>Threads: one event-loop group (epoll or NIO) where each target is pinned to one loop for its whole
 * life, so its plan is only ever called from that thread; one coordinator thread that pulls targets and
 * calls the sink. Limits shared between loops (global in flight, per-address connections and rate) are
 * small locks taken once per connection.
 */
public final class ScanEngine implements AutoCloseable {
    private final EngineConfig config;
    private final Transport transport;
    private final DnsHostResolver ownResolver;
    private final EngineParts parts;
    private final ExecutorService coordinator;

    public ScanEngine(EngineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = new Transport(config);
        this.ownResolver = config.resolver().isPresent() ? null
                : new DnsHostResolver(transport.nextLoop(), transport.datagramType());
        HostResolver resolver = config.resolver().orElse(ownResolver);
        this.parts = new EngineParts(config, transport, resolver,
                new HostGate.Registry(config.perHostConnections(), config.perHostRate()),
                new PermitGate(config.maxInFlight()), config.metrics());
        this.coordinator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tlsweep-coordinator");
            t.setDaemon(true);
            return t;
        });
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
        return new EngineRun<T, P>(parts, coordinator, Objects.requireNonNull(targets),
                Objects.requireNonNull(endpointOf), Objects.requireNonNull(planner), Objects.requireNonNull(sink))
                .begin();
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
