package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ROBOT's plan: five steps at once, one per variant, each with its variant's records; a second round only when the
 * first does not decide, and never a third.
 */
class RobotRoundsTest {
    private static final ConnectionOutcome LOST = new ConnectionOutcome.NoReply(Failure.of(
            FailureKind.RESET_BEFORE_REPLY, "reset"), Timings.NONE);

    /** A plan whose decision is the number of rounds seen, or empty until {@code roundsNeeded}. */
    private static RobotRounds<Integer> plan(int roundsNeeded, List<List<ConnectionOutcome>> seen) {
        return new RobotRounds<>(100, "robot", HelloTemplates.upTo(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2,
                List.of(CipherSuite.of(0x002F)), Optional.empty()), 0x0303, rounds -> {
                    seen.clear();
                    seen.addAll(rounds);
                    return rounds.size() < roundsNeeded ? Optional.empty() : Optional.of(rounds.size());
                });
    }

    private static void answer(RobotRounds<Integer> plan, List<ProbeStep> steps) {
        for (ProbeStep s : steps) {
            plan.complete(s, LOST);
        }
    }

    @Test
    void oneRoundOfFiveStepsEachWithItsVariantsRecords() {
        List<List<ConnectionOutcome>> seen = new ArrayList<>();
        RobotRounds<Integer> plan = plan(1, seen);
        List<ProbeStep> steps = plan.ready();
        assertThat(steps).extracting(ProbeStep::id).containsExactly(100, 101, 102, 103, 104);
        assertThat(steps).extracting(ProbeStep::purpose).containsExactly("robot: correct", "robot: wrong-first-bytes",
                "robot: misplaced-zero", "robot: no-zero", "robot: wrong-version");
        for (RobotVariant v : RobotVariant.values()) {
            assertThat(steps.get(v.ordinal()).followUps()).containsExactly(new RobotKeyExchange(v, 0x0303));
        }
        assertThat(plan.ready()).as("nothing more until they are answered").isEmpty();
        assertThat(plan.connections()).isEqualTo(5);
        answer(plan, steps.subList(0, 4));
        assertThat(plan.done()).isFalse();
        answer(plan, steps.subList(4, 5));
        assertThat(plan.done()).isTrue();
        assertThat(plan.part()).contains(1);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).hasSize(5);
        assertThat(plan.ready()).isEmpty();
        assertThat(plan.connections()).isEqualTo(5);
    }

    @Test
    void aSecondRoundWhenTheFirstDoesNotDecideAndNeverAThird() {
        List<List<ConnectionOutcome>> seen = new ArrayList<>();
        RobotRounds<Integer> plan = plan(2, seen);
        answer(plan, plan.ready());
        assertThat(plan.done()).isFalse();
        List<ProbeStep> again = plan.ready();
        assertThat(again).extracting(ProbeStep::id).containsExactly(105, 106, 107, 108, 109);
        assertThat(again.get(0).purpose()).isEqualTo("robot: correct again");
        answer(plan, again);
        assertThat(plan.part()).contains(2);
        assertThat(plan.connections()).isEqualTo(RobotRounds.MAX_CONNECTIONS);
        assertThat(plan.ready()).isEmpty();

        RobotRounds<Integer> undecided = plan(3, new ArrayList<>());
        answer(undecided, undecided.ready());
        List<ProbeStep> second = undecided.ready();
        answer(undecided, second.subList(0, 4));
        assertThatThrownBy(() -> undecided.complete(second.get(4), LOST)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no part after 2 rounds");
    }

    @Test
    void anOutcomeForAStepItDidNotHandOutIsABug() {
        RobotRounds<Integer> plan = plan(1, new ArrayList<>());
        List<ProbeStep> steps = plan.ready();
        plan.complete(steps.get(0), LOST);
        assertThatThrownBy(() -> plan.complete(steps.get(0), LOST)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> plan.complete(new ProbeStep(99, "other", steps.get(0).hello()), LOST))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> plan.complete(new ProbeStep(105, "next round", steps.get(0).hello()), LOST))
                .isInstanceOf(IllegalStateException.class);
    }
}
