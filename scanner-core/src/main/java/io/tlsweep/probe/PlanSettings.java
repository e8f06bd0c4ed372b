package io.tlsweep.probe;

import io.tlsweep.profile.BuiltInProfiles;
import io.tlsweep.profile.ClientProfile;
import java.util.List;
import java.util.Objects;

/**
 * What a run asks of the checks, the same for every endpoint.
 *
 * @param options what the scan finds out
 * @param profiles client profiles whose own hellos are sent after the scan (none: no profile hellos)
 * @param profilesOnly send only the profile hellos, no scan (the quick "who can talk to it today" mode)
 * @param legacyWatch a re-check also watches for a version below the baseline's oldest coming back
 */
public record PlanSettings(ScanOptions options, List<ClientProfile> profiles, boolean profilesOnly,
        boolean legacyWatch) {
    public PlanSettings {
        Objects.requireNonNull(options, "options");
        profiles = BuiltInProfiles.copyOf(profiles);
        if (profilesOnly && profiles.isEmpty()) {
            throw new IllegalArgumentException("a profiles-only scan needs at least one profile");
        }
    }
}
