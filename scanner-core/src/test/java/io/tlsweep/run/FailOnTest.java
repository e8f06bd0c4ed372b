package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.Verdict;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailOnTest {

    @Test
    void inconsistentIsMetByTheInconsistentVerdictAlone() {
        FailOn inconsistent = FailOn.parse("inconsistent");
        for (Verdict v : Verdict.values()) {
            assertThat(inconsistent.metBy(v.label(), List.of())).as(v.label()).isEqualTo(v == Verdict.INCONSISTENT);
        }
    }

    @Test
    void everyVerdictButReadyHasAConditionThatFailsOnIt() {
        for (Verdict v : Verdict.values()) {
            boolean met = Arrays.stream(FailOn.values()).anyMatch(c -> c.metBy(v.label(), List.of()));
            assertThat(met).as(v.label()).isEqualTo(v != Verdict.READY);
        }
    }
}
