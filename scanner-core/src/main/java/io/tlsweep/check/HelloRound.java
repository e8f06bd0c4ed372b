package io.tlsweep.check;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.ClientHelloSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The plan of a check that asks once: its hellos all at once, one connection each, then its part folded from
 * what came back, in the order the hellos were given. An answer lost (a reset, a close, a silence) stands as it
 * is: a check that must tell a lost answer from a refusal asks again in a plan of its own.
 *
 * @param <P> the part it folds
 */
public final class HelloRound<P> implements CheckPlan<P> {
    /**
     * A hello to send, and why ("TLSv1.2 with a TLS 1.3 fallback"), for logs and metrics; with {@code prelude},
     * said before it instead of the endpoint's own (one RDP security protocol set, say). After a prelude that is a
     * question ({@link Prelude#question()}) the hello is not sent.
     */
    public record Hello(String purpose, ClientHelloSpec hello, Optional<Prelude> prelude) {
        /** A hello after the endpoint's own prelude, if it has one. */
        public Hello(String purpose, ClientHelloSpec hello) {
            this(purpose, hello, Optional.empty());
        }
    }

    /** A hello sent and what came of it. */
    public record Exchange(String purpose, ClientHelloSpec hello, ConnectionOutcome outcome) {
    }

    private final List<ProbeStep> steps = new ArrayList<>();
    private final Map<Integer, Exchange> answered = new LinkedHashMap<>();
    private final Function<List<Exchange>, P> fold;
    private boolean sent;
    private P part;

    /** @param fold the part from every exchange, in the order of {@code hellos} */
    public HelloRound(PlanContext context, List<Hello> hellos, Function<List<Exchange>, P> fold) {
        if (hellos.isEmpty()) {
            throw new IllegalArgumentException("a round of hellos needs at least one");
        }
        int id = context.firstStepId();
        for (Hello h : hellos) {
            ProbeStep step = new ProbeStep(id++, h.purpose(), h.hello());
            steps.add(h.prelude().map(step::withPrelude).orElse(step));
        }
        this.fold = fold;
    }

    @Override
    public List<ProbeStep> ready() {
        if (sent) {
            return List.of();
        }
        sent = true;
        return List.copyOf(steps);
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        int i = step.id() - steps.get(0).id();
        if (i < 0 || i >= steps.size() || steps.get(i).id() != step.id() || answered.containsKey(i)) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        answered.put(i, new Exchange(step.purpose(), step.hello(), outcome));
        if (answered.size() == steps.size()) {
            List<Exchange> inOrder = new ArrayList<>();
            for (int k = 0; k < steps.size(); k++) {
                inOrder.add(answered.get(k));
            }
            part = java.util.Objects.requireNonNull(fold.apply(List.copyOf(inOrder)), "the fold gave no part");
        }
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
        return sent ? steps.size() : 0;
    }
}
