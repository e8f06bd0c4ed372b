package io.tlsweep.report.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftClassTest {

    @Test
    void aClassIsFoundByItsLabelIgnoringCaseAndBlanksAndNothingByAnyOtherText() {
        assertThat(DriftClass.ofLabel("legacy-enabled")).contains(DriftClass.LEGACY_ENABLED);
        assertThat(DriftClass.ofLabel(" Legacy-Enabled ")).contains(DriftClass.LEGACY_ENABLED);
        assertThat(DriftClass.ofLabel("LEGACY_ENABLED")).isEmpty();
        assertThat(DriftClass.ofLabel("legacy")).as("a short form of --fail-on, not a label").isEmpty();
        assertThat(DriftClass.ofLabel(null)).isEmpty();
    }

    @Test
    void aChangeOfAClassThisVersionDoesNotKnowIsAnErrorListingTheKnownOnes() {
        DriftJson.ChangeJson change = new DriftJson.ChangeJson("cipher-renamed", "127.0.0.1", 443, null, null, "",
                null, null);
        assertThatThrownBy(change::toChange).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown drift class 'cipher-renamed' (expected one of appeared,"
                        + " disappeared, version-enabled,")
                .hasMessageEndingWith("verdict-changed, status-changed)");
        assertThat(new DriftJson.ChangeJson("Order-Changed", "127.0.0.1", 443, null, null, "", null, null).toChange()
                .driftClass()).isEqualTo(DriftClass.ORDER_CHANGED);
        assertThat(DriftClass.LABELS.all()).hasSize(DriftClass.values().length).doesNotHaveDuplicates()
                .isEqualTo(List.of(DriftClass.values()).stream().map(DriftClass::label).toList());
    }
}
