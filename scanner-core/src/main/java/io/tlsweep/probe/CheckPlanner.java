package io.tlsweep.probe;

import io.tlsweep.result.PartKey;
import java.util.Optional;

/** What {@link EndpointPlan} needs of a check: its key, and its plan for one endpoint. */
public interface CheckPlanner<P> {

    /** The check's id and the type of its part. */
    PartKey<P> key();

    /**
     * The plan for one endpoint, given the run's settings and what the checks before this one found (the context
     * is valid for the life of the plan); empty when this check has nothing to send there.
     */
    Optional<? extends CheckPlan<P>> plan(PlanContext context);

    /**
     * Whether the check's plan needs nothing the checks before it find, so it may start beside the one before it
     * once that one lets it ({@link CheckPlan#laterChecksMayStart}). By default a check starts when the ones before
     * it are done.
     */
    default boolean needsNothingEarlier() {
        return false;
    }
}
