package io.tlsweep.engine;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Politeness towards one address, shared by every target on it whatever event loop drives them: a cap on
 * connections open at once and a hello rate. The rate is a token bucket of depth one (GCRA): hellos are
 * evenly spaced at least 1/rate apart, and a hello that comes too early is told how long to wait.
 */
final class HostGate {
    final PermitGate connections;
    private final long intervalNanos;
    private long nextNanos;
    private boolean sentAny;
    private int users; // changed only inside the registry's compute, which locks the entry

    private HostGate(int connections, long intervalNanos) {
        this.connections = new PermitGate(connections);
        this.intervalNanos = intervalNanos;
    }

    /** Takes the right to send one hello now (0), or says how many nanoseconds to wait before asking again. */
    long reserve(long nowNanos) {
        if (intervalNanos == 0) {
            return 0;
        }
        synchronized (this) {
            if (sentAny && nowNanos - nextNanos < 0) {
                return nextNanos - nowNanos;
            }
            sentAny = true;
            nextNanos = nowNanos + intervalNanos;
            return 0;
        }
    }

    /** The gates of all addresses with a target in progress; a gate is dropped when its last target ends. */
    static final class Registry {
        private final ConcurrentHashMap<InetAddress, HostGate> gates = new ConcurrentHashMap<>();
        private final int connections;
        private final long intervalNanos;

        Registry(int connections, double ratePerSecond) {
            this.connections = connections;
            this.intervalNanos = ratePerSecond == 0 ? 0 : Math.max(1, Math.round(1e9 / ratePerSecond));
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
