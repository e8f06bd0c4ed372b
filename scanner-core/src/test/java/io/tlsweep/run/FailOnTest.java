package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.analysis.Verdict;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailOnTest {

    @Test
    void aConditionIsReadIgnoringCaseAndBlanksAndAnUnknownOneListsEveryCondition() {
        assertThat(FailOn.parse(" No-Common ")).isEqualTo(FailOn.NO_COMMON);
        assertThat(FailOn.parse("not-tls")).isEqualTo(FailOn.NOT_TLS);
        assertThatThrownBy(() -> FailOn.parse("not_tls")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown --fail-on condition 'not_tls' (expected one of breaks, no-common, legacy, weak,"
                        + " unreachable, not-tls, tls-not-offered, inconsistent, excluded)");
    }

    @Test
    void aServiceWithoutTlsFailsOnItsOwnConditionAndNotAsUnreachable() {
        FailOn without = FailOn.parse("tls-not-offered");
        for (Verdict v : Verdict.values()) {
            assertThat(without.metBy(v.label(), List.of())).as(v.label()).isEqualTo(v == Verdict.TLS_NOT_OFFERED);
        }
        assertThat(FailOn.UNREACHABLE.metBy(Verdict.TLS_NOT_OFFERED.label(), List.of())).isFalse();
    }

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
