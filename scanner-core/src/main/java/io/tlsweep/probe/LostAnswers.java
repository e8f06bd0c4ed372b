package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.result.Inconsistency;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lost answers of one endpoint, shared by its scan and its profile hellos. A lost answer is a connection
 * that ended with no byte back: reset, closed, or silent until the read timeout. One connection cannot tell it
 * from the server's own way of turning a hello down, so it is never taken as a refusal at once:
 * <ul>
 * <li>a hello whose answer was lost is sent again ({@value #ATTEMPTS} attempts in all);</li>
 * <li>an endpoint that answers a hello it lost before, or loses a hello offering a suite it accepted in another
 *     connection, <em>loses answers</em>: from then on it gets one connection at a time, and a lost answer is
 *     sent up to {@value #ATTEMPTS_WHEN_LOSING} times in all;</li>
 * <li>on an endpoint not seen to lose answers, a hello lost on every attempt waits until nothing else is going
 *     on ({@link Next#PARK}); if the endpoint has shown by then that it loses answers it gets the larger number
 *     of attempts, else the lost answer stands as the server's own (a reset or close as a refusal, a silence as
 *     a version not served);</li>
 * <li>on an endpoint that loses answers, a hello lost on every attempt cannot be settled: an
 *     {@link Inconsistency}, with what each attempt saw.</li>
 * </ul>
 * Retries count as connections like any other.
 */
final class LostAnswers {
    /** Attempts a hello gets while its endpoint has not been seen to lose answers. */
    static final int ATTEMPTS = 2;
    /** Attempts a hello gets on an endpoint that loses answers. */
    static final int ATTEMPTS_WHEN_LOSING = 4;

    /** What to do with a hello whose answer was lost once more. */
    enum Next {
        SEND_AGAIN,
        /** Wait until nothing else is going on, then decide (see {@link LostAnswers}). */
        PARK,
        /** Attempts exhausted on an endpoint that loses answers. */
        UNSETTLED
    }

    private final List<Inconsistency> unsettled = new ArrayList<>();
    private Optional<String> sign = Optional.empty();
    private int sentAgain;
    private boolean busyElsewhere;

    /**
     * Whether another check of the endpoint has connections in flight: a parked lost answer is decided only when
     * nothing else is going on (set by {@link EndpointPlan} before it asks a check for steps).
     */
    void busyElsewhere(boolean busy) {
        busyElsewhere = busy;
    }

    /** Whether parked lost answers may be decided now: no other check of the endpoint is waiting for an answer. */
    boolean maySettle() {
        return !busyElsewhere;
    }

    /** Whether the endpoint has been seen to lose answers. */
    boolean losesAnswers() {
        return sign.isPresent();
    }

    /** The first evidence that the endpoint loses answers ("TLSv1.0 suites: reset-before-reply, then ..."). */
    Optional<String> sign() {
        return sign;
    }

    /** Records evidence that the endpoint loses answers; the first one is kept. */
    void seen(String evidence) {
        if (sign.isEmpty()) {
            sign = Optional.of(evidence);
        }
    }

    /** What follows for a hello whose answer has now been lost {@code lostSoFar} times. */
    Next afterLoss(int lostSoFar) {
        if (lostSoFar < (losesAnswers() ? ATTEMPTS_WHEN_LOSING : ATTEMPTS)) {
            return Next.SEND_AGAIN;
        }
        return losesAnswers() ? Next.UNSETTLED : Next.PARK;
    }

    /** Counts a hello sent again. */
    void sentAgain() {
        sentAgain++;
    }

    int sentAgainCount() {
        return sentAgain;
    }

    /** Records a hello lost on every attempt on an endpoint that loses answers. */
    void unsettled(String step, List<Failure> lost, Optional<String> contradicts) {
        unsettled.add(new Inconsistency(step, lost.stream().map(f -> f.kind().label()).toList(),
                contradicts.or(() -> sign).orElse("answers given in other connections")));
    }

    /** Records a contradiction that asking again did not settle. */
    void unsettled(Inconsistency i) {
        unsettled.add(i);
    }

    List<Inconsistency> inconsistencies() {
        return List.copyOf(unsettled);
    }

    /** Notes for the result line: how many hellos were sent again, and why the endpoint went one at a time. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (sentAgain > 0) {
            notes.add(sentAgain + " hello" + (sentAgain == 1 ? "" : "s") + " sent again after a lost answer (reset,"
                    + " closed or no reply)");
        }
        sign.ifPresent(s -> notes.add("the endpoint loses answers (" + s + "): probed one connection at a time"
                + " from then on, a lost answer sent up to " + ATTEMPTS_WHEN_LOSING + " times"));
        return notes;
    }

    /** "reset-before-reply, closed-before-reply": what the lost attempts saw. */
    static String labels(List<Failure> lost) {
        return String.join(", ", lost.stream().map(f -> f.kind().label()).toList());
    }
}
