package io.tlsweep.probe;

import java.util.Optional;

/**
 * One check's plan for one endpoint, as {@link EndpointPlan} runs it: a {@link ProbePlan} over the outcomes of its
 * own steps, with what the endpoint plan needs to compose it with the other checks.
 *
 * <p>Its step ids must start at {@link PlanContext#firstStepId()} and stay below the next check's (the composer
 * gives each check {@code 2^24} ids and routes outcomes by them).
 *
 * @param <P> the type of the part of the result it produces
 */
public interface CheckPlan<P> extends ProbePlan {

    /** Connections opened so far, hellos sent again included. */
    int connections();

    /**
     * Once done: what this plan found, as its check's part of the result. Empty for a plan whose facts are
     * components of the result of their own (the scan's, the profile hellos', the re-check's).
     */
    default Optional<P> part() {
        return Optional.empty();
    }

    /**
     * Once done: whether nothing more is to be sent to this endpoint (nothing listens; it is as its baseline says).
     * The checks after it are then not started.
     */
    default boolean endsEndpoint() {
        return false;
    }

    /**
     * Whether a later check that needs nothing from this one ({@link CheckPlanner#needsNothingEarlier}) may start
     * before this one is done: once it knows the endpoint is worth it (the scan, once its first contact showed a TLS
     * server). By default later checks wait until it is done.
     */
    default boolean laterChecksMayStart() {
        return false;
    }

    /**
     * Called once, when every check of the endpoint is done, with a view of all of them: a plan may look at what
     * later checks found and take up its work again (it is then not done, and the endpoint plan drives it on).
     */
    default void reconsider(PlanContext all) {
    }
}
