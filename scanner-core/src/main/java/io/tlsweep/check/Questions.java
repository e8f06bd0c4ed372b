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
 * The plan of a check that asks a service questions before the scan, one connection each: all at once, or the
 * first alone and the others only once the service answered it ({@link #answered}: anything but a connection that
 * failed outside the prelude or a prelude that timed out); then its part folded from every exchange, in the order
 * given, when the service answered any. An endpoint that answered none (nothing listens, silence, resets) gets no
 * part, and asked first alone costs one connection: the scan after it says what became of the endpoint.
 *
 * @param <P> the part it folds
 */
final class Questions<P> implements CheckPlan<P> {
    private final List<ProbeStep> steps = new ArrayList<>();
    private final Function<List<HelloRound.Exchange>, P> fold;
    private final HelloRound.Exchange[] got;
    private final boolean firstAlone;
    private int handedOut;
    private int back;
    private boolean done;
    private P part;

    private Questions(PlanContext context, List<HelloRound.Hello> hellos, boolean firstAlone,
            Function<List<HelloRound.Exchange>, P> fold) {
        if (hellos.isEmpty()) {
            throw new IllegalArgumentException("a plan of questions needs at least one hello");
        }
        int id = context.firstStepId();
        for (HelloRound.Hello h : hellos) {
            ProbeStep step = new ProbeStep(id++, h.purpose(), h.hello());
            steps.add(h.prelude().map(step::withPrelude).orElse(step));
        }
        this.got = new HelloRound.Exchange[steps.size()];
        this.firstAlone = firstAlone;
        this.fold = fold;
    }

    /** The first question alone, the others once it was answered. */
    static <P> Questions<P> firstThenRest(PlanContext context, List<HelloRound.Hello> hellos,
            Function<List<HelloRound.Exchange>, P> fold) {
        return new Questions<>(context, hellos, true, fold);
    }

    /** Every question at once. */
    static <P> Questions<P> allAtOnce(PlanContext context, List<HelloRound.Hello> hellos,
            Function<List<HelloRound.Exchange>, P> fold) {
        return new Questions<>(context, hellos, false, fold);
    }

    @Override
    public List<ProbeStep> ready() {
        if (handedOut == 0) {
            handedOut = firstAlone ? 1 : steps.size();
            return List.copyOf(steps.subList(0, handedOut));
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
        if (firstAlone && i == 0 && !answered(outcome)) {
            done = true;
        } else if (back == steps.size()) {
            if (java.util.Arrays.stream(got).anyMatch(e -> answered(e.outcome()))) {
                part = Objects.requireNonNull(fold.apply(List.of(got)), "the fold gave no part");
            }
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
