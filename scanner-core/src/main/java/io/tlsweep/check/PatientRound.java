package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A round of hellos that does not take a lost answer for the server's: the hellos all at once, one connection each;
 * then each hello whose answer was lost (reset or closed before any reply, or silence until the read timeout) sent
 * again, one connection at a time and each until it is answered or out of attempts ({@value #ATTEMPTS} in all),
 * so a flaky front that drops some connections (every other one, say) gets the same question on a connection it
 * answers. A hello lost on every attempt stands as lost: the
 * fold sees that outcome and says the answer is missing. Then the part, folded from the last exchange of each hello,
 * in the order given.
 *
 * @param <P> the part it folds
 */
final class PatientRound<P> implements CheckPlan<P> {
    /** Attempts a hello gets in all. */
    static final int ATTEMPTS = 3;

    private final List<HelloRound.Hello> hellos;
    private final Function<List<HelloRound.Exchange>, P> fold;
    private final HelloRound.Exchange[] last;
    private final int[] attempts;
    private final Map<Integer, Integer> helloOfStep = new HashMap<>();
    private final Deque<Integer> again = new ArrayDeque<>();
    private final int firstId;
    private int sent;
    private int inFlight;
    private int settled;
    private P part;

    /** @param firstId the id of its first step; it uses at most {@code ATTEMPTS * hellos.size()} from there */
    PatientRound(int firstId, List<HelloRound.Hello> hellos, Function<List<HelloRound.Exchange>, P> fold) {
        if (hellos.isEmpty()) {
            throw new IllegalArgumentException("a round of hellos needs at least one");
        }
        this.hellos = List.copyOf(hellos);
        this.fold = fold;
        this.firstId = firstId;
        this.last = new HelloRound.Exchange[hellos.size()];
        this.attempts = new int[hellos.size()];
    }

    @Override
    public List<ProbeStep> ready() {
        List<ProbeStep> steps = new ArrayList<>();
        if (sent == 0) {
            for (int i = 0; i < hellos.size(); i++) {
                steps.add(step(i));
            }
        } else if (inFlight == 0 && !again.isEmpty()) {
            steps.add(step(again.poll()));
        }
        return steps;
    }

    private ProbeStep step(int hello) {
        HelloRound.Hello h = hellos.get(hello);
        int id = firstId + sent++;
        attempts[hello]++;
        inFlight++;
        helloOfStep.put(id, hello);
        ProbeStep step = new ProbeStep(id, h.purpose() + (attempts[hello] > 1 ? " attempt " + attempts[hello] : ""),
                h.hello());
        return h.prelude().map(step::withPrelude).orElse(step);
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        Integer hello = helloOfStep.remove(step.id());
        if (hello == null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        inFlight--;
        last[hello] = new HelloRound.Exchange(step.purpose(), step.hello(), outcome);
        if (lost(outcome) && attempts[hello] < ATTEMPTS) {
            again.addFirst(hello); // asked again at once: a front that drops every other connection answers it
        } else if (++settled == hellos.size()) {
            part = Objects.requireNonNull(fold.apply(List.of(last)), "the fold gave no part");
        }
    }

    /** No byte back: a reset, a close or a silence, which one connection cannot tell from a refusal. */
    static boolean lost(ConnectionOutcome outcome) {
        if (!(outcome instanceof ConnectionOutcome.NoReply none)) {
            return false;
        }
        FailureKind kind = none.failure().kind();
        return kind == FailureKind.RESET_BEFORE_REPLY || kind == FailureKind.CLOSED_BEFORE_REPLY
                || kind == FailureKind.READ_TIMEOUT;
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
        return sent;
    }
}
