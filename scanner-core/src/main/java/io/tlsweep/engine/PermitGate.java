package io.tlsweep.engine;

import java.util.ArrayDeque;

/**
 * A counting limit shared by event loops: the global in-flight cap, or one address's connection cap. A
 * caller that finds no permit is queued and later handed one directly ({@link Waiter#granted}) by the
 * thread that releases it, first come first served. The lock is held for a few instructions only.
 */
final class PermitGate {

    /** One who waits for a permit. */
    interface Waiter {
        /**
         * Called on the releasing thread: the waiter now holds a permit from {@code gate} and must use it or
         * {@link PermitGate#release} it.
         */
        void granted(PermitGate gate);
    }

    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int available;

    PermitGate(int permits) {
        this.available = permits;
    }

    /** Takes a permit if one is free; otherwise queues {@code waiter} (once per failed call) and says no. */
    synchronized boolean tryAcquire(Waiter waiter) {
        if (available > 0) {
            available--;
            return true;
        }
        waiters.add(waiter);
        return false;
    }

    /** Returns a permit: to the longest waiter if there is one, else to the pool. */
    void release() {
        Waiter next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                available++;
                return;
            }
        }
        next.granted(this);
    }

    /** Takes {@code waiter} out of the queue; false if it was not there (a permit may be on its way). */
    synchronized boolean cancel(Waiter waiter) {
        return waiters.removeFirstOccurrence(waiter);
    }

    synchronized int available() {
        return available;
    }
}
