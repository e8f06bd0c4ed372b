package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan of a check whose part is known from what the checks before it found, without a connection: a check
 * that does not apply to the endpoint (no TLS ≤ 1.2 for a TLS 1.2 question) says so in its part, at no cost.
 *
 * @param <P> the part
 */
final class KnownAlready<P> implements CheckPlan<P> {
    private final P part;

    KnownAlready(P part) {
        this.part = Objects.requireNonNull(part, "part");
    }

    @Override
    public List<ProbeStep> ready() {
        return List.of();
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
    }

    @Override
    public boolean done() {
        return true;
    }

    @Override
    public Optional<P> part() {
        return Optional.of(part);
    }

    @Override
    public int connections() {
        return 0;
    }
}
