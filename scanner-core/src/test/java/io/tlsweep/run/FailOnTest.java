package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.analysis.Verdict;
import io.tlsweep.report.PolicyJson;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.Results;
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
                        + " unreachable, not-tls, tls-not-offered, inconsistent, excluded, vulnerable, policy)");
    }

    /** {@code vulnerable}: any active check's result on the line, whatever the verdict; no other result counts. */
    @Test
    void vulnerableIsMetByAnActiveCheckFoundVulnerable() {
        ResultJson vulnerable = Results.readyEndpoint("a:443").check("heartbleed", "not-vulnerable", "no reply", 1)
                .check("ccs-injection", "vulnerable", "early ChangeCipherSpec accepted", 1).build();
        ResultJson others = Results.readyEndpoint("b:443").check("heartbleed", "inconclusive", "reset", 1)
                .check("robot", "not-applicable", "no static RSA suite", 0).check("rdp-accepts", null, "", 2)
                .build();
        assertThat(FailOn.anyMet(List.of(FailOn.parse("vulnerable")), vulnerable)).isTrue();
        assertThat(FailOn.anyMet(List.of(FailOn.LEGACY, FailOn.WEAK), vulnerable)).isFalse();
        assertThat(FailOn.anyMet(List.of(FailOn.VULNERABLE), others)).isFalse();
        assertThat(FailOn.anyMet(List.of(FailOn.VULNERABLE), Results.ready("c:443"))).as("no checks at all")
                .isFalse();
        assertThat(FailOn.VULNERABLE.metBy(Verdict.READY.label(), List.of("heartbleed"))).as("a finding is not a"
                + " result").isFalse();
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

    @Test
    void policyIsMetByALineNotCompliantWithOneOfItsPolicies() {
        ResultJson fine = Results.ready("a:443").withPolicies(List.of(judged("mozilla-intermediate",
                PolicyJson.COMPLIANT), judged("pci-dss-4", PolicyJson.NOT_APPLICABLE)));
        ResultJson broken = Results.ready("b:443").withPolicies(List.of(judged("mozilla-intermediate",
                PolicyJson.COMPLIANT), judged("pci-dss-4", PolicyJson.NOT_COMPLIANT)));
        assertThat(FailOn.anyMet(List.of(FailOn.parse("policy")), broken)).isTrue();
        assertThat(FailOn.anyMet(List.of(FailOn.POLICY), fine)).isFalse();
        assertThat(FailOn.anyMet(List.of(FailOn.POLICY), Results.ready("c:443"))).as("no policy judged").isFalse();
        assertThat(FailOn.anyMet(List.of(FailOn.LEGACY, FailOn.WEAK), broken)).isFalse();
    }

    private static PolicyJson judged(String policy, String verdict) {
        return new PolicyJson(policy, verdict, null, List.of(), List.of());
    }
}
