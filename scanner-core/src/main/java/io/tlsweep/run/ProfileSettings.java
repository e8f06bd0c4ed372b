package io.tlsweep.run;

import io.tlsweep.analysis.Assumption;
import io.tlsweep.profile.BuiltInProfiles;
import io.tlsweep.profile.ClientProfile;
import java.util.List;
import java.util.Optional;

/**
 * The client profiles of a run: which clients' hellos are sent and predicted, whether only those are sent
 * ({@code --profiles-only}), and the what-if; {@code inputErrors} when a profile of the user's file was left
 * out (the run goes on and ends with the input-error exit code).
 */
public record ProfileSettings(List<ClientProfile> profiles, boolean profilesOnly, Optional<Assumption> assumption,
        boolean inputErrors) {

    public ProfileSettings {
        profiles = BuiltInProfiles.copyOf(profiles);
    }

    /**
     * The profiles that apply to an endpoint of {@code service} (the protocol spoken before TLS, "" for none):
     * a profile limited to some services (the RDP and SQL Server clients) is left out elsewhere.
     */
    public ProfileSettings forService(String service) {
        return new ProfileSettings(profiles.stream().filter(p -> p.appliesTo(service)).toList(), profilesOnly,
                assumption, inputErrors);
    }

    /** No profile: no hello of theirs sent, none predicted. */
    public static ProfileSettings none() {
        return new ProfileSettings(List.of(), false, Optional.empty(), false);
    }
}
