package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.Recheck;
import io.tlsweep.result.PartKey;
import java.util.Optional;

/**
 * The nightly re-check against the previous run's line: at most (accepted versions + 1) hellos. It runs first;
 * an endpoint found as its baseline says ends there (the baseline's line is carried over), any other goes on to
 * the full scan and the rest.
 */
public final class RecheckCheck implements Check<Void> {

    @Override
    public PartKey<Void> key() {
        return Recheck.KEY;
    }

    /** Only for an endpoint with a baseline. */
    @Override
    public Optional<? extends CheckPlan<Void>> plan(PlanContext context) {
        return Recheck.plan(context);
    }
}
