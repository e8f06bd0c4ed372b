package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The first round of a scan, a TLS 1.2 and a TLS 1.0 hello together, and what it shows once both are back:
 * nothing listens or answers (the scan ends), every answer is one no TLS server gives to a plain hello (the
 * scan ends), both were reset or closed (they are sent once more, a second round), or the endpoint answered
 * and the scan goes on.
 */
final class FirstContact {
    /** What the round showed. */
    sealed interface Verdict {
        /** The endpoint is not worth more hellos. */
        record End(Failure why) implements Verdict {
        }

        /** Both hellos were reset or closed: send them once more. */
        record Again(List<SentHello> hellos) implements Verdict {
        }

        /** The endpoint answered; these hellos of the round were lost and go on as any lost answer. */
        record GoOn(List<SentHello> lost) implements Verdict {
        }
    }

    private final List<SentHello> lost = new ArrayList<>();
    private final List<Reading> answers = new ArrayList<>();
    private int round = 1;

    void lost(SentHello h) {
        lost.add(h);
    }

    void answered(Reading r) {
        answers.add(r);
    }

    /** Once every hello of the round is back. */
    Verdict over() {
        List<SentHello> lostOnes = List.copyOf(lost);
        lost.clear();
        if (answers.isEmpty()) {
            boolean allSilent = lostOnes.stream().allMatch(h -> h.lastLoss().kind() == FailureKind.READ_TIMEOUT);
            if (round == 1 && !allSilent) {
                round = 2;
                return new Verdict.Again(lostOnes);
            }
            return new Verdict.End(lostOnes.stream().map(SentHello::lastLoss)
                    .filter(f -> f.kind() != FailureKind.READ_TIMEOUT).findFirst()
                    .orElse(Failure.of(FailureKind.READ_TIMEOUT, "no reply to a TLS 1.2 or a TLS 1.0 hello ("
                            + lostOnes.get(0).lastLoss().detail() + ")")));
        }
        if (lostOnes.isEmpty() && answers.stream().allMatch(FirstContact::hostile)) {
            return new Verdict.End(((Reading.Rejected) answers.get(0)).why());
        }
        return new Verdict.GoOn(lostOnes);
    }

    /** A malformed reply, a choice never offered: no TLS server answers a plain hello so. */
    private static boolean hostile(Reading r) {
        if (!(r instanceof Reading.Rejected rejected)) {
            return false;
        }
        return switch (rejected.why().kind()) {
            case MALFORMED_REPLY, UNOFFERED_CHOICE -> true;
            default -> false;
        };
    }
}
