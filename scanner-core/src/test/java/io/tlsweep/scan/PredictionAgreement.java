package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.ProfileCheck;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.TargetResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The profiles' predictions held against what each profile's own hello got from real servers. */
final class PredictionAgreement {
    private PredictionAgreement() {
    }

    /**
     * Where a profile's own hello got something other than predicted, one line per endpoint and profile; fails
     * first when a scan sent fewer than every profile's hello, or a check could not tell.
     */
    static List<String> disagreements(Collection<TargetResult> scanned, List<ClientProfile> profiles) {
        List<String> disagreements = new ArrayList<>();
        for (TargetResult r : scanned) {
            assertThat(r.profileHellos()).as(r.target().origin()).hasSize(profiles.size());
            for (ProfileCheck c : ProfileCheck.of(r, profiles)) {
                assertThat(c.agrees()).as(r.target().origin() + " " + c.profile().id()).isPresent();
                if (!c.agrees().orElseThrow()) {
                    disagreements.add(r.target().origin() + ": " + c.disagreement());
                }
            }
        }
        return disagreements;
    }
}
