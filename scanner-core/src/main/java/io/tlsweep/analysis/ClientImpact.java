package io.tlsweep.analysis;

import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an endpoint means for the client profiles: who connects today, with what (predicted and confirmed), who
 * loses access when TLS 1.0 and 1.1 are switched off, and who loses it under the user's own what-if.
 *
 * @param checks one per profile
 * @param legacyOff the profiles that lose this endpoint once SSL 3.0, TLS 1.0 and TLS 1.1 are off
 * @param whatIf the user's {@code --assume-disabled} assumption and its losses, when one was given
 */
public record ClientImpact(List<ProfileCheck> checks, List<WhatIf.Loss> legacyOff,
        Optional<Scenario> whatIf) {

    /** The versions every "switch legacy off" question switches off. */
    public static final Assumption LEGACY_OFF = new Assumption(
            Set.of(ProtocolVersion.SSLv3, ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1), Set.of(), Set.of());

    /** A what-if and the profiles it cuts off. */
    public record Scenario(Assumption assumption, List<WhatIf.Loss> losses) {
        public Scenario {
            losses = List.copyOf(losses);
        }
    }

    public ClientImpact {
        checks = List.copyOf(checks);
        legacyOff = List.copyOf(legacyOff);
    }

    public static ClientImpact none() {
        return new ClientImpact(List.of(), List.of(), Optional.empty());
    }

    public static ClientImpact of(TargetResult r, List<ClientProfile> profiles, Optional<Assumption> assumption) {
        if (profiles.isEmpty()) {
            return none();
        }
        return new ClientImpact(ProfileCheck.of(r, profiles), WhatIf.losses(r, profiles, LEGACY_OFF),
                assumption.map(a -> new Scenario(a, WhatIf.losses(r, profiles, a))));
    }

    /**
     * Only what the profiles' own hellos got, with nothing predicted: for a scan that did not enumerate suites
     * (versions only, or the profile hellos alone), from which no prediction can be made.
     */
    public static ClientImpact observedOnly(TargetResult r, List<ClientProfile> profiles, String why) {
        return new ClientImpact(profiles.stream().map(p -> new ProfileCheck(p, ProfileOutcome.unknown(why),
                Optional.ofNullable(r.profileHellos().get(p.id())))).toList(), List.of(), Optional.empty());
    }

    /** The profiles that fail today: by their prediction, or by their own hello when nothing was predicted. */
    public List<ProfileCheck> failingToday() {
        return checks.stream().filter(c -> c.effective().fails()).toList();
    }

    /** The checks whose prediction and confirmation disagree. */
    public List<ProfileCheck> disagreements() {
        return checks.stream().filter(c -> c.agrees().equals(Optional.of(false))).toList();
    }

    /** "A, B, C and 2 more". */
    static String names(List<ClientProfile> profiles, int shown) {
        String named = profiles.stream().limit(shown).map(ClientProfile::name).collect(Collectors.joining(", "));
        return profiles.size() <= shown ? named : named + " and " + (profiles.size() - shown) + " more";
    }
}
