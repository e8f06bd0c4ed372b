package io.tlsweep.probe;

import io.tlsweep.result.ConnectionOutcome;
import java.util.List;

/**
 * A probe as a plan and a fold: it offers the hellos it can send now, each on its own connection, and
 * folds every outcome into its state, deciding what to send next. It never touches the network, so the
 * engine owns concurrency and politeness while the plan owns the logic, and a plan can be driven by a
 * scripted fake server in tests.
 *
 * <p>Protocol: the driver calls {@link #ready()} and sends the steps returned (each step is returned
 * once); for each it later calls {@link #complete} exactly once. When {@link #done()} is true, no step is
 * outstanding and none will be offered.
 */
public interface ProbePlan {

    /** Steps that may be sent now; empty when waiting for outcomes or when done. */
    List<ProbeStep> ready();

    /** Folds the outcome of a step that {@link #ready()} handed out. */
    void complete(ProbeStep step, ConnectionOutcome outcome);

    boolean done();

    /**
     * Which of the steps waiting for a connection goes first when the connections to the endpoint are all taken:
     * a lower rank goes before a higher one, steps of one rank in the order offered. By default all are equal.
     */
    default int rank(ProbeStep step) {
        return 0;
    }
}
