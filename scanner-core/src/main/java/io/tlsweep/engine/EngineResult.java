package io.tlsweep.engine;

import io.tlsweep.probe.ProbePlan;
import io.tlsweep.result.Failure;
import java.net.InetAddress;
import java.util.Optional;

/**
 * What the engine hands the sink for one target: the plan with everything it folded, and how the target
 * ended. {@code plan} keeps its partial state when the target ended early; it is null only when the planner
 * itself threw. {@code targetFailure} is present exactly when {@code status} is not {@link Status#DONE}.
 */
public record EngineResult<T, P extends ProbePlan>(T target, Optional<InetAddress> address, P plan,
        Status status, Optional<Failure> targetFailure, int connections, long elapsedNanos) {

    /** How a target ended. */
    public enum Status {
        /** The plan said done. */
        DONE,
        /** The name did not resolve; no connection was made. Failure kind DNS_FAILURE. */
        DNS_FAILURE,
        /**
         * The time budget ran out; outcomes of connections still open were not fed to the plan. The failure
         * kind is READ_TIMEOUT (the result package has no budget kind yet) with a detail naming the budget.
         */
        BUDGET_EXCEEDED,
        /** The plan or the planner threw (a bug); failure kind INTERNAL_ERROR. */
        PLAN_ERROR,
        /**
         * The address (the literal, or what the name resolved to) is out of the configured
         * {@link io.tlsweep.input.Scope}; no connection was made. Failure kind EXCLUDED, with the reason.
         */
        EXCLUDED
    }
}
