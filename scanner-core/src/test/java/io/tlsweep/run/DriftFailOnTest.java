package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.report.drift.Change;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftClass;
import io.tlsweep.report.drift.EndpointKey;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftFailOnTest {
    private static Drift only(DriftClass c) {
        return Drift.of(List.of(new Change(c, new EndpointKey("127.0.0.1:443", 443, null), "d", null, null)), 1, 1);
    }

    @Test
    void shortFormsAndLabels() {
        assertThat(DriftFailOn.parseOne("drift").classes()).isEqualTo(EnumSet.allOf(DriftClass.class));
        assertThat(DriftFailOn.parseOne("drift:legacy").classes()).containsExactly(DriftClass.LEGACY_ENABLED);
        assertThat(DriftFailOn.parseOne("drift:versions").classes())
                .containsExactly(DriftClass.VERSION_ENABLED, DriftClass.VERSION_DISABLED);
        assertThat(DriftFailOn.parseOne("drift:suites").classes())
                .containsExactly(DriftClass.SUITE_ENABLED, DriftClass.SUITE_DISABLED);
        assertThat(DriftFailOn.parseOne("drift:order").classes()).containsExactly(DriftClass.ORDER_CHANGED);
        assertThat(DriftFailOn.parseOne("drift:certificate").classes())
                .containsExactly(DriftClass.CERTIFICATE_CHANGED, DriftClass.CERTIFICATE_EXPIRING);
        assertThat(DriftFailOn.parseOne("drift:verdict").classes()).containsExactly(DriftClass.VERDICT_CHANGED);
        assertThat(DriftFailOn.parseOne("drift:appeared").classes()).containsExactly(DriftClass.APPEARED);
        assertThat(DriftFailOn.parseOne("drift:disappeared").classes()).containsExactly(DriftClass.DISAPPEARED);
        assertThat(DriftFailOn.parseOne("drift:status").classes()).containsExactly(DriftClass.STATUS_CHANGED);
        assertThat(DriftFailOn.parseOne("drift:vulnerable").classes()).containsExactly(DriftClass.CHECK_VULNERABLE);
        assertThat(DriftFailOn.parseOne("drift:checks").classes())
                .containsExactly(DriftClass.CHECK_VULNERABLE, DriftClass.CHECK_CHANGED);
        assertThat(DriftFailOn.parseOne("drift:legacy-clients").classes())
                .containsExactly(DriftClass.LEGACY_CLIENT_APPEARED);
        assertThat(DriftFailOn.parseOne("drift:legacy-clients").met(only(DriftClass.LEGACY_CLIENT_GONE))).isFalse();
        assertThat(DriftFailOn.parseOne("drift:vulnerable").met(only(DriftClass.CHECK_CHANGED))).isFalse();
        assertThat(DriftFailOn.parseOne("drift:checks").met(only(DriftClass.CHECK_CHANGED))).isTrue();
        for (DriftClass c : DriftClass.values()) {
            assertThat(DriftFailOn.parseOne("drift:" + c.label()).classes()).containsExactly(c);
        }
        assertThat(DriftFailOn.parseOne(" Drift:Legacy ").label()).isEqualTo("drift:legacy");
    }

    @Test
    void aCommaSeparatedList() {
        assertThat(DriftFailOn.parse("drift:legacy, drift:certificate")).extracting(DriftFailOn::label)
                .containsExactly("drift:legacy", "drift:certificate");
        assertThatThrownBy(() -> DriftFailOn.parse("drift:legacy,")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriftFailOn.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriftFailOn.parse("drift:nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("legacy, versions, suites").hasMessageContaining("certificate-expiring");
    }

    @Test
    void onlyTheDriftPrefixIsADriftCondition() {
        assertThat(DriftFailOn.isDrift("drift")).isTrue();
        assertThat(DriftFailOn.isDrift("DRIFT:legacy")).isTrue();
        assertThat(DriftFailOn.isDrift("legacy")).isFalse();
        assertThat(DriftFailOn.isDrift("drifted")).isFalse();
        assertThatThrownBy(() -> DriftFailOn.parseOne("legacy")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metWhenTheDriftHasAChangeOfItsClasses() {
        Drift legacy = only(DriftClass.LEGACY_ENABLED);
        Drift expiring = only(DriftClass.CERTIFICATE_EXPIRING);
        Drift none = Drift.of(List.of(), 1, 1);

        assertThat(DriftFailOn.parseOne("drift:legacy").met(legacy)).isTrue();
        assertThat(DriftFailOn.parseOne("drift:legacy").met(expiring)).isFalse();
        assertThat(DriftFailOn.parseOne("drift:certificate").met(expiring)).isTrue();
        assertThat(DriftFailOn.parseOne("drift").met(expiring)).isTrue();
        assertThat(DriftFailOn.parseOne("drift").met(none)).isFalse();
        assertThat(DriftFailOn.anyMet(DriftFailOn.parse("drift:order,drift:legacy"), legacy)).isTrue();
        assertThat(DriftFailOn.anyMet(List.of(), legacy)).isFalse();
    }
}
