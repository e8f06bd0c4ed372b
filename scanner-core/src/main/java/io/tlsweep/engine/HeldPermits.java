package io.tlsweep.engine;

/**
 * The permits one connection of a target needs, taken in this order: its service's own cap on the host (when its
 * protocol has one), the host's cap, the run's global cap. Keeps which of them the target holds for its next
 * connection and which it waits for; a connection that starts takes the held ones with it and gives them back when
 * it ends. Used on the target's event loop only.
 */
final class HeldPermits {
    private final PermitGate[] gates;
    private final boolean[] held;
    private final boolean[] waiting;

    /** @param service the service's cap, or null when its protocol has none */
    HeldPermits(PermitGate service, PermitGate host, PermitGate global) {
        this.gates = new PermitGate[] {service, host, global};
        this.held = new boolean[3];
        this.waiting = new boolean[3];
    }

    /**
     * Takes each permit not held yet, in order: true when all are held; false when one has to be waited for
     * ({@code waiter} is told when it is granted, then call this again).
     */
    boolean takeAll(PermitGate.Waiter waiter) {
        for (int i = 0; i < gates.length; i++) {
            if (gates[i] == null || held[i]) {
                continue;
            }
            if (waiting[i] || !(held[i] = gates[i].tryAcquire(waiter))) {
                waiting[i] = true;
                return false;
            }
        }
        return true;
    }

    /** Gives the global permit back while the host's rate makes the connection wait, so other targets may go. */
    void giveBackGlobal() {
        held[2] = false;
        gates[2].release();
    }

    /** The permits held go with a connection that starts now: {@link #returned} gives them back when it ends. */
    void handedOver() {
        java.util.Arrays.fill(held, false);
    }

    /** A connection that took the permits has ended. */
    void returned() {
        for (PermitGate gate : gates) {
            if (gate != null) {
                gate.release();
            }
        }
    }

    /** {@code gate} granted the permit waited for: it is held now. */
    void granted(PermitGate gate) {
        for (int i = gates.length - 1; i >= 0; i--) {
            if (gates[i] == gate) {
                waiting[i] = false;
                held[i] = true;
                return;
            }
        }
    }

    /** Gives back the permits held for a connection that will not start. */
    void releaseHeld() {
        for (int i = 0; i < gates.length; i++) {
            if (held[i]) {
                held[i] = false;
                gates[i].release();
            }
        }
    }

    /** Stops waiting for what {@code waiter} waits for, where the gate still has it queued. */
    void cancelWaits(PermitGate.Waiter waiter) {
        for (int i = 0; i < gates.length; i++) {
            if (waiting[i] && gates[i].cancel(waiter)) {
                waiting[i] = false;
            }
        }
    }

    /** Whether nothing is held or waited for. */
    boolean idle() {
        for (int i = 0; i < gates.length; i++) {
            if (held[i] || waiting[i]) {
                return false;
            }
        }
        return true;
    }
}
