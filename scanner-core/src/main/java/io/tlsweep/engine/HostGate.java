package io.tlsweep.engine;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Politeness towards one address, shared by every target on it whatever event loop drives them: a cap on
 * connections open at once and a connection rate, and the same again for each service of the address that has
 * limits of its own ({@link ServiceLimits}: the SMTP ports of a host share theirs). A rate is a token bucket of
 * depth one (GCRA): connections are evenly spaced at least 1/rate apart, and one that comes too early is told how
 * long to wait. A connection to a service takes the service's permit first, then the address's, then a global one
 * (every waiter takes them in that order, so none waits holding what another's first step needs).
 */
final class HostGate {
    final PermitGate connections;
    private final Bucket rate;
    private final Map<String, Service> services = new HashMap<>(); // guarded by this
    private int users; // changed only inside the registry's compute, which locks the entry

    private HostGate(int connections, long intervalNanos) {
        this.connections = new PermitGate(connections);
        this.rate = new Bucket(intervalNanos);
    }

    /** The gate of {@code protocol}'s connections to this address, or null when {@code limits} gate nothing. */
    synchronized Service service(String protocol, ServiceLimits limits) {
        if (!limits.gated()) {
            return null;
        }
        return services.computeIfAbsent(protocol, p -> new Service(limits));
    }

    /**
     * Takes the right to open one connection now (0), to this address and to {@code service} (may be null), or
     * says how many nanoseconds to wait before asking again; a connection waits for the later of the two slots.
     */
    long reserve(long nowNanos, Service service) {
        Bucket own = service == null ? null : service.rate;
        if (rate.intervalNanos == 0 && (own == null || own.intervalNanos == 0)) {
            return 0;
        }
        synchronized (this) {
            long wait = Math.max(rate.delay(nowNanos), own == null ? 0 : own.delay(nowNanos));
            if (wait > 0) {
                return wait;
            }
            rate.take(nowNanos);
            if (own != null) {
                own.take(nowNanos);
            }
            return 0;
        }
    }

    /** One service's share of an address: its own cap (null for none) and rate. */
    static final class Service {
        final PermitGate connections;
        private final Bucket rate;

        private Service(ServiceLimits limits) {
            this.connections = limits.connections() > 0 ? new PermitGate(limits.connections()) : null;
            this.rate = new Bucket(interval(limits.rate()));
        }
    }

    /** A token bucket of depth one; guarded by the host gate's lock. */
    private static final class Bucket {
        final long intervalNanos;
        private long nextNanos;
        private boolean takenAny;

        Bucket(long intervalNanos) {
            this.intervalNanos = intervalNanos;
        }

        long delay(long nowNanos) {
            return intervalNanos == 0 || !takenAny || nowNanos - nextNanos >= 0 ? 0 : nextNanos - nowNanos;
        }

        void take(long nowNanos) {
            if (intervalNanos != 0) {
                takenAny = true;
                nextNanos = nowNanos + intervalNanos;
            }
        }
    }

    /** Nanoseconds between two connections at {@code ratePerSecond}; 0 for no limit. */
    static long interval(double ratePerSecond) {
        return ratePerSecond == 0 ? 0 : Math.max(1, Math.round(1e9 / ratePerSecond));
    }

    /** The gates of all addresses with a target in progress; a gate is dropped when its last target ends. */
    static final class Registry {
        private final ConcurrentHashMap<InetAddress, HostGate> gates = new ConcurrentHashMap<>();
        private final int connections;
        private final long intervalNanos;

        Registry(int connections, double ratePerSecond) {
            this.connections = connections;
            this.intervalNanos = interval(ratePerSecond);
        }

        HostGate acquire(InetAddress address) {
            return gates.compute(address, (a, g) -> {
                HostGate gate = g != null ? g : new HostGate(connections, intervalNanos);
                gate.users++;
                return gate;
            });
        }

        void release(InetAddress address) {
            gates.computeIfPresent(address, (a, g) -> --g.users == 0 ? null : g);
        }

        int size() {
            return gates.size();
        }
    }
}
