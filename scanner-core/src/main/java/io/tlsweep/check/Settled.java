package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan of a check whose part is already known from what the checks before it found (the scan's own replies,
 * or a question that does not apply): it sends nothing and costs no connection.
 *
 * @param <P> the part it gives
 */
final class Settled<P> implements CheckPlan<P> {
    private final P part;

    Settled(P part) {
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
