package io.tlsweep.engine;

import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;

/**
 * One step's connection under way: a scripted hello ({@link HelloExchange}) or a real stack's handshake
 * ({@link RealStackExchange}).
 */
interface Exchange {

    /** Told the outcome, once, on the exchange's event loop. */
    interface Listener {
        void ended(Exchange exchange, ConnectionOutcome outcome);
    }

    ProbeStep step();

    /** Ends the exchange now (the target is over); the outcome goes to the listener as usual. */
    void abort(String why);
}
