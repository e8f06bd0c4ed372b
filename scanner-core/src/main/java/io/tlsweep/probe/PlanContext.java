package io.tlsweep.probe;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.result.PartKey;
import java.util.Optional;

/**
 * What a check's plan may know about its endpoint: the SNI name, its port, its prelude, the baseline (for a
 * re-check), the run's
 * settings, its range of step ids, and the plans of the checks started before it (for what they found, e.g. the
 * versions and suites the scan accepted). Lost answers are kept per endpoint, shared by its plans.
 */
public final class PlanContext {
    private final EndpointPlan endpoint;
    private final int firstStepId;

    PlanContext(EndpointPlan endpoint, int firstStepId) {
        this.endpoint = endpoint;
        this.firstStepId = firstStepId;
    }

    public Optional<String> sni() {
        return endpoint.sni();
    }

    /** The endpoint's port; empty for a plan made without one (a test's). */
    public java.util.OptionalInt port() {
        return endpoint.port();
    }

    /**
     * The endpoint's host as its target gives it: a DNS name, or an IP literal without brackets (what an HTTP
     * request without a server name says in {@code Host}); empty for a plan made without one (a test's).
     */
    public Optional<String> host() {
        return endpoint.host();
    }

    /**
     * What the endpoint says before TLS, when it speaks a prelude: the endpoint plan puts it in front of every step
     * a check hands out, so a check needs it only to plan differently.
     */
    public Optional<Prelude> prelude() {
        return endpoint.prelude();
    }

    /** What the previous run found for this endpoint, when the run re-checks it against that. */
    public Optional<Baseline> baseline() {
        return endpoint.baseline();
    }

    public PlanSettings settings() {
        return endpoint.settings();
    }

    /** The first step id this plan may use; it has {@code 2^24} from here. */
    public int firstStepId() {
        return firstStepId;
    }

    /** The plan of an earlier check of this endpoint, by its key. */
    public <P> Optional<CheckPlan<P>> plan(PartKey<P> key) {
        return endpoint.started(key);
    }

    /** The earlier plan of this type (the scan's {@link TargetScan}, say), when one was started. */
    public <T> Optional<T> plan(Class<T> type) {
        return endpoint.started(type);
    }

    /** The part an earlier, finished check produced. */
    public <P> Optional<P> part(PartKey<P> key) {
        return plan(key).filter(CheckPlan::done).flatMap(CheckPlan::part);
    }

    LostAnswers losses() {
        return endpoint.losses();
    }
}
