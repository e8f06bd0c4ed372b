package io.tlsweep.engine;

import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's limits for the connections it does not open for a plan: full handshakes with a real TLS stack
 * (the real-stack check, {@code bench}). Each waits, as a plan's step does, for a permit of its service on the
 * address (when the protocol it speaks before TLS has {@link ServiceLimits} of its own), a permit of its address
 * (the per-host cap), then a global permit (the in-flight cap), then a rate slot of its address and service, in
 * that order, and holds the permits until its connection is closed. The permits are the very ones the engine's own
 * connections take, so an address never has more than {@code perHostConnections} connections open from one
 * engine, nor is sent more than {@code perHostRate} new connections a second, whatever kind they are; nor a
 * service more than its own.
 */
public final class ConnectionGate {
    private final EngineParts parts;

    ConnectionGate(EngineParts parts) {
        this.parts = parts;
    }

    /** Why the engine does not connect to {@code address} (out of its scope), if it does not. */
    public Optional<String> refusal(InetAddress address) {
        return parts.config().scope().refusal(address.getAddress());
    }

    /**
     * Runs {@code open} on {@code loop} once a connection to {@code address} may be opened. {@code open} gets the
     * pass it must {@link Pass#release() release} once that connection is closed. May be called from any thread;
     * waiting takes no thread.
     */
    public void enter(InetAddress address, EventLoop loop, Consumer<Pass> open) {
        enter(address, Optional.empty(), loop, open);
    }

    /** As {@link #enter(InetAddress, EventLoop, Consumer)}, for a connection speaking {@code protocol} before TLS. */
    public void enter(InetAddress address, Optional<String> protocol, EventLoop loop, Consumer<Pass> open) {
        Entry entry = new Entry(address, protocol, loop, open);
        loop.execute(entry::advance);
    }

    /** The limits of {@code protocol}'s connections, as the engine keeps them. */
    public ServiceLimits limits(Optional<String> protocol) {
        return parts.config().service(protocol);
    }

    /** The right to one open connection; released once, when it is closed. */
    public final class Pass {
        private final InetAddress address;
        private final HostGate host;
        private final HostGate.Service service;
        private boolean released;

        private Pass(InetAddress address, HostGate host, HostGate.Service service) {
            this.address = address;
            this.host = host;
            this.service = service;
        }

        /** Gives the permits back (to the longest waiter of each); later calls do nothing. */
        public synchronized void release() {
            if (!released) {
                released = true;
                if (service != null && service.connections != null) {
                    service.connections.release();
                }
                host.connections.release();
                parts.inFlight().release();
                parts.hosts().release(address);
            }
        }
    }

    /** One connection waiting at the gate; every field belongs to its loop. */
    private final class Entry implements PermitGate.Waiter {
        private final InetAddress address;
        private final EventLoop loop;
        private final Consumer<Pass> open;
        private final HostGate host;
        private final HostGate.Service service;
        private boolean holdService;
        private boolean holdHost;
        private boolean holdGlobal;
        private boolean waitingService;
        private boolean waitingHost;
        private boolean waitingGlobal;

        Entry(InetAddress address, Optional<String> protocol, EventLoop loop, Consumer<Pass> open) {
            this.address = address;
            this.loop = loop;
            this.open = open;
            this.host = parts.hosts().acquire(address);
            ServiceLimits limits = parts.config().service(protocol);
            this.service = protocol.map(p -> host.service(p, limits)).orElse(null);
        }

        void advance() {
            PermitGate own = service == null ? null : service.connections;
            if (own != null && !holdService && (waitingService || !(holdService = own.tryAcquire(this)))) {
                waitingService = true;
                return;
            }
            if (!holdHost && (waitingHost || !(holdHost = host.connections.tryAcquire(this)))) {
                waitingHost = true;
                return;
            }
            if (!holdGlobal && (waitingGlobal || !(holdGlobal = parts.inFlight().tryAcquire(this)))) {
                waitingGlobal = true;
                return;
            }
            long wait = host.reserve(System.nanoTime(), service);
            if (wait > 0) {
                holdGlobal = false;
                parts.inFlight().release();
                loop.schedule(this::advance, wait, TimeUnit.NANOSECONDS);
                return;
            }
            Pass pass = new Pass(address, host, service);
            try {
                open.accept(pass);
            } catch (RuntimeException e) {
                pass.release();
                throw e;
            }
        }

        @Override
        public void granted(PermitGate gate) {
            try {
                loop.execute(() -> {
                    if (gate == parts.inFlight()) {
                        waitingGlobal = false;
                        holdGlobal = true;
                    } else if (service != null && gate == service.connections) {
                        waitingService = false;
                        holdService = true;
                    } else {
                        waitingHost = false;
                        holdHost = true;
                    }
                    advance();
                });
            } catch (RejectedExecutionException e) {
                gate.release(); // the engine is closing: nothing more runs here, the permit goes back
            }
        }
    }
}
