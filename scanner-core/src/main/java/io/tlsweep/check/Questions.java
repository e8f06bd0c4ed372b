package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The plan of a check that asks a service questions before the scan: its first hello alone, and only when the
 * service answered that one (anything but a connection that failed outside the prelude or a prelude that timed
 * out), the others all at once; then its part folded from every exchange, in the order given. An endpoint that did
 * not answer the first (nothing listens, silence, a reset) costs one connection and gets no part: the scan after
 * it says what became of the endpoint.
 *
 * @param <P> the part it folds
 */
final class AnsweredFirst<P> implements CheckPlan<P> {
    private final List<ProbeStep> steps = new ArrayList<>();
    private final Function<List<HelloRound.Exchange>, P> fold;
    private final HelloRound.Exchange[] got;
    private int handedOut;
    private int back;
    private boolean done;
    private P part;

    /** @param fold the part from every exchange, in the order of {@code hellos} */
    AnsweredFirst(PlanContext context, List<HelloRound.Hello> hellos, Function<List<HelloRound.Exchange>, P> fold) {
        if (hellos.isEmpty()) {
            throw new IllegalArgumentException("a plan of questions needs at least one hello");
        }
        int id = context.firstStepId();
        for (HelloRound.Hello h : hellos) {
            ProbeStep step = new ProbeStep(id++, h.purpose(), h.hello());
            steps.add(h.prelude().map(step::withPrelude).orElse(step));
        }
        this.got = new HelloRound.Exchange[steps.size()];
        this.fold = fold;
    }

    @Override
    public List<ProbeStep> ready() {
        if (handedOut == 0) {
            handedOut = 1;
            return List.of(steps.get(0));
        }
        if (handedOut == 1 && got[0] != null && !done) {
            handedOut = steps.size();
            return List.copyOf(steps.subList(1, steps.size()));
        }
        return List.of();
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        int i = step.id() - steps.get(0).id();
        if (i < 0 || i >= handedOut || got[i] != null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        got[i] = new HelloRound.Exchange(step.purpose(), step.hello(), outcome);
        back++;
        if (i == 0 && !answered(outcome)) {
            done = true;
        } else if (back == steps.size()) {
            part = Objects.requireNonNull(fold.apply(List.of(got)), "the fold gave no part");
            done = true;
        }
    }

    /** Whether the service said something: TLS may start, or its prelude failed other than by silence. */
    static boolean answered(ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.NoReply none) {
            return none.failure().kind().prelude() && none.failure().kind() != FailureKind.PRELUDE_TIMEOUT;
        }
        return true;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public Optional<P> part() {
        return Optional.ofNullable(part);
    }

    @Override
    public int connections() {
        return handedOut;
    }
}
