package io.tlsweep.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.probe.PlanSettings;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.run.ProfileSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link BuiltInProfiles#LIST}: the built-in catalog's profiles, in order, as a list the settings of a run pass on
 * as it is (so that it is read only where a profile is needed), and that cannot be changed.
 */
class BuiltInProfileListTest {

    @Test
    void itIsTheBuiltInCatalogsList() {
        List<ClientProfile> catalog = ProfileFile.builtIn().profiles();

        assertThat(BuiltInProfiles.LIST).isEqualTo(catalog).hasSameHashCodeAs(catalog);
        assertThat(new ArrayList<>(BuiltInProfiles.LIST)).containsExactlyElementsOf(catalog);
        assertThat(BuiltInProfiles.LIST.get(0).id()).isEqualTo(catalog.get(0).id());
    }

    @Test
    void theRunsSettingsKeepItAsItIsAndCopyAnyOtherList() {
        ProfileSettings settings = new ProfileSettings(BuiltInProfiles.LIST, false, Optional.empty(), false);
        PlanSettings plan = new PlanSettings(ScanOptions.full(), BuiltInProfiles.LIST, false, false);
        List<ClientProfile> mutable = new ArrayList<>(ProfileFile.builtIn().profiles().subList(0, 2));

        assertThat(settings.profiles()).isSameAs(BuiltInProfiles.LIST);
        assertThat(plan.profiles()).isSameAs(BuiltInProfiles.LIST);
        assertThat(BuiltInProfiles.copyOf(mutable)).isNotSameAs(mutable).isEqualTo(mutable);
    }

    @Test
    void itCannotBeChanged() {
        assertThatThrownBy(() -> BuiltInProfiles.LIST.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> BuiltInProfiles.LIST.add(BuiltInProfiles.LIST.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
