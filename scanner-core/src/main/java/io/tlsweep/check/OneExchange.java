package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.FollowUp;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.ClientHelloSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The plan of an active check that asks once: one hello and the records it sends after the reply, on one
 * connection, folded into its part; or, when the check can tell without asking (nothing it could test: one
 * version only, no version up to TLS 1.2), no connection at all and the part it decided.
 *
 * @param <P> the part it folds
 */
public final class OneExchange<P> implements CheckPlan<P> {
    private final Optional<ProbeStep> step;
    private final Function<ConnectionOutcome, P> fold;
    private boolean sent;
    private P part;

    private OneExchange(Optional<ProbeStep> step, Function<ConnectionOutcome, P> fold, P decided) {
        this.step = step;
        this.fold = fold;
        this.part = decided;
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
        return new OneExchange<>(Optional.of(step), Objects.requireNonNull(fold, "fold"), null);
    }

    /** No connection: the part is already known. */
    public static <P> OneExchange<P> decided(P part) {
        return new OneExchange<>(Optional.empty(), o -> part, Objects.requireNonNull(part, "part"));
    }

    @Override
    public List<ProbeStep> ready() {
        if (sent || step.isEmpty()) {
            return List.of();
        }
        sent = true;
        return List.of(step.get());
    }

    @Override
    public void complete(ProbeStep done, ConnectionOutcome outcome) {
        if (step.isEmpty() || done.id() != step.get().id() || !sent || part != null) {
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
