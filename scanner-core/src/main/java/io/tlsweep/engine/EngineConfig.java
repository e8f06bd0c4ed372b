package io.tlsweep.engine;

import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.input.Scope;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the engine needs to know, validated once; build it with {@link #builder()}.
 *
 * @param connectTimeout how long a TCP connect may take
 * @param readTimeout the whole time allowed from the hello written until a decisive answer. It is a
 *     deadline, not an idle timeout: a server dripping one byte a second still ends at it, and what arrived
 *     by then is decoded as it is
 * @param targetBudget the whole time one target may take, resolution included; when it runs out, no further
 *     hello is sent, open connections are closed and the target ends as
 *     {@link EngineResult.Status#BUDGET_EXCEEDED}
 * @param maxInFlight connections open at once, over all hosts
 * @param maxActiveTargets targets pulled from the input and not yet handed to the sink; this bounds memory
 * @param perHostConnections connections open at once to one address
 * @param perHostRate hellos per second to one address, evenly spaced (a token bucket of depth one);
 *     0 means unlimited. A step over the rate waits, it is never dropped
 * @param maxResponseBytes bytes kept per connection; once reached, the answer is decided from those
 * @param closeWithReset close every connection with RST (SO_LINGER 0) instead of FIN. Whoever closes first
 *     keeps the socket in TIME_WAIT for a minute or so; at thousands of connections per second to one
 *     address (loopback benchmarks, one busy host) those TIME_WAIT sockets exhaust the ~28,000 ephemeral
 *     ports and connects start failing. A scanner has nothing to flush, so an abortive close costs nothing
 * @param eventLoopThreads event-loop threads; the default is the number of cores
 * @param nativeTransport use epoll where available (NIO otherwise); false forces NIO
 * @param resolver how names are resolved; empty means Netty's DNS resolver on the engine's event loops
 * @param metrics where connection counts and timings are recorded
 * @param scope the addresses the engine may connect to: every target's address (a literal, or what its name
 *     resolved to) is checked before its first connect, and one out of scope ends as
 *     {@link EngineResult.Status#EXCLUDED} without a packet sent. The default, {@link Scope#DEFAULT}, refuses
 *     only the addresses tlsweep never connects to (multicast, broadcast, unspecified, reserved)
 * @param services the limits of each service (by the name of the protocol spoken before TLS, as an
 *     {@link Endpoint} names it) on one address, on top of the address's own; a service not named here has none
 */
public record EngineConfig(Duration connectTimeout, Duration readTimeout, Duration targetBudget,
        int maxInFlight, int maxActiveTargets, int perHostConnections, double perHostRate,
        int maxResponseBytes, boolean closeWithReset, int eventLoopThreads, boolean nativeTransport,
        Optional<HostResolver> resolver, ScanMetrics metrics, Scope scope, Map<String, ServiceLimits> services) {

    public EngineConfig {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(targetBudget, "targetBudget");
        atLeastOne(maxInFlight, "maxInFlight");
        atLeastOne(maxActiveTargets, "maxActiveTargets");
        atLeastOne(perHostConnections, "perHostConnections");
        atLeastOne(eventLoopThreads, "eventLoopThreads");
        if (!(perHostRate >= 0) || Double.isInfinite(perHostRate)) {
            throw new IllegalArgumentException("perHostRate must be a finite number >= 0, got " + perHostRate);
        }
        if (maxResponseBytes < 16) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 16, got " + maxResponseBytes);
        }
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(scope, "scope");
        services = Map.copyOf(services);
    }

    /** The limits of {@code protocol}'s connections to one address; {@link ServiceLimits#NONE} for none. */
    public ServiceLimits service(Optional<String> protocol) {
        return protocol.map(p -> services.getOrDefault(p, ServiceLimits.NONE)).orElse(ServiceLimits.NONE);
    }

    /** The time allowed for each answer before TLS on {@code protocol}'s connections. */
    public Duration preludeTimeout(Optional<String> protocol) {
        return service(protocol).preludeTimeout().orElse(readTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and under 24 days, got " + d);
        }
    }

    private static void atLeastOne(int n, String name) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + n);
        }
    }

    /** Builds an {@link EngineConfig}; every setter replaces what was there. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration readTimeout = Duration.ofSeconds(5);
        private Duration targetBudget = Duration.ofSeconds(60);
        private int maxInFlight = 1024;
        private Integer maxActiveTargets;
        private int perHostConnections = 16;
        private double perHostRate;
        private int maxResponseBytes = 64 * 1024;
        private boolean closeWithReset = true;
        private int eventLoopThreads = Runtime.getRuntime().availableProcessors();
        private boolean nativeTransport = true;
        private HostResolver resolver;
        private ScanMetrics metrics;
        private Scope scope = Scope.DEFAULT;
        private Map<String, ServiceLimits> services = Map.of();

        private Builder() {
        }

        public Builder connectTimeout(Duration d) {
            connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            readTimeout = d;
            return this;
        }

        public Builder targetBudget(Duration d) {
            targetBudget = d;
            return this;
        }

        public Builder maxInFlight(int n) {
            maxInFlight = n;
            return this;
        }

        /** Defaults to {@code maxInFlight}. */
        public Builder maxActiveTargets(int n) {
            maxActiveTargets = n;
            return this;
        }

        public Builder perHostConnections(int n) {
            perHostConnections = n;
            return this;
        }

        public Builder perHostRate(double hellosPerSecond) {
            perHostRate = hellosPerSecond;
            return this;
        }

        public Builder maxResponseBytes(int n) {
            maxResponseBytes = n;
            return this;
        }

        public Builder closeWithReset(boolean on) {
            closeWithReset = on;
            return this;
        }

        public Builder eventLoopThreads(int n) {
            eventLoopThreads = n;
            return this;
        }

        public Builder nativeTransport(boolean on) {
            nativeTransport = on;
            return this;
        }

        public Builder resolver(HostResolver r) {
            resolver = Objects.requireNonNull(r, "resolver");
            return this;
        }

        public Builder metrics(ScanMetrics m) {
            metrics = Objects.requireNonNull(m, "metrics");
            return this;
        }

        /** The addresses the engine may connect to; {@link Scope#DEFAULT} unless set. */
        public Builder scope(Scope s) {
            scope = Objects.requireNonNull(s, "scope");
            return this;
        }

        /** The limits of each service on one address, by protocol name; none unless set. */
        public Builder services(Map<String, ServiceLimits> byProtocol) {
            services = Map.copyOf(byProtocol);
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(connectTimeout, readTimeout, targetBudget, maxInFlight,
                    maxActiveTargets != null ? maxActiveTargets : maxInFlight, perHostConnections, perHostRate,
                    maxResponseBytes, closeWithReset, eventLoopThreads, nativeTransport,
                    Optional.ofNullable(resolver), metrics != null ? metrics : new ScanMetrics(), scope, services);
        }
    }
}
