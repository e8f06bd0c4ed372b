package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.FollowUp;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.probe.RealExchange;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.ClientHelloSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The plan of an active check that asks once: one hello and the records it sends after the reply, on one
 * connection, folded into its part. A check that can tell without asking (one version only, no version up to
 * TLS 1.2) plans {@link Settled} instead.
 *
 * @param <P> the part it folds
 */
public final class OneExchange<P> implements CheckPlan<P> {
    private final ProbeStep step;
    private final Function<ConnectionOutcome, P> fold;
    private boolean sent;
    private P part;

    private OneExchange(ProbeStep step, Function<ConnectionOutcome, P> fold) {
        this.step = step;
        this.fold = fold;
    }

    /**
     * One step: {@code hello}, then {@code followUps} after its reply, its outcome folded by {@code fold}.
     *
     * @param purpose why it is sent, for logs and metrics
     */
    public static <P> OneExchange<P> of(PlanContext context, String purpose, ClientHelloSpec hello,
            List<FollowUp> followUps, Function<ConnectionOutcome, P> fold) {
        ProbeStep step = new ProbeStep(context.firstStepId(), purpose, hello)
                .withFollowUps(followUps.toArray(FollowUp[]::new));
        return new OneExchange<>(step, Objects.requireNonNull(fold, "fold"));
    }

    /**
     * One step held with a real TLS stack offering what {@code hello} offers ({@link RealExchange}), its outcome
     * folded by {@code fold}.
     */
    public static <P> OneExchange<P> real(PlanContext context, String purpose, ClientHelloSpec hello,
            RealExchange exchange, Function<ConnectionOutcome, P> fold) {
        return new OneExchange<>(ProbeStep.real(context.firstStepId(), purpose, hello, exchange),
                Objects.requireNonNull(fold, "fold"));
    }

    @Override
    public List<ProbeStep> ready() {
        if (sent) {
            return List.of();
        }
        sent = true;
        return List.of(step);
    }

    @Override
    public void complete(ProbeStep done, ConnectionOutcome outcome) {
        if (done.id() != step.id() || !sent || part != null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + done.id());
        }
        part = Objects.requireNonNull(fold.apply(outcome), "the fold gave no part");
    }

    @Override
    public boolean done() {
        return part != null;
    }

    @Override
    public Optional<P> part() {
        return Optional.ofNullable(part);
    }

    @Override
    public int connections() {
        return sent ? 1 : 0;
    }
}
