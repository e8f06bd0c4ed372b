package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.ProfileCheck;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.TargetResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison the profile agreement tests make: on every scanned endpoint, each profile's own hello was sent,
 * and what it got is what the prediction from that endpoint's scan says. A client without SNI has no prediction
 * for an endpoint scanned with SNI, and is not compared there.
 */
final class ProfileAgreement {

    /** One prediction held against what the profile's own hello got, on the endpoint of {@code origin}. */
    record Compared(String origin, ProfileCheck check) {
    }

    private ProfileAgreement() {
    }

    /**
     * Asserts that every endpoint got exactly {@code profiles}' hellos and that every comparable prediction agrees
     * with what its hello got (all disagreements reported at once).
     *
     * @return the predictions compared, in endpoint and profile order
     */
    static List<Compared> assertEveryPredictionAgrees(Map<String, TargetResult> scanned, List<ClientProfile> profiles) {
        List<String> ids = profiles.stream().map(ClientProfile::id).toList();
        List<String> disagreements = new ArrayList<>();
        List<Compared> compared = new ArrayList<>();
        for (TargetResult r : scanned.values()) {
            String origin = r.target().origin();
            assertThat(r.profileHellos().keySet()).as(origin + ": the profiles whose hellos were sent")
                    .containsExactlyInAnyOrderElementsOf(ids);
            for (ProfileCheck c : ProfileCheck.of(r, profiles)) {
                if (!c.profile().sni().value() && r.target().sni().isPresent()) {
                    assertThat(c.agrees()).as("no prediction for a client without SNI to an SNI target").isEmpty();
                    continue;
                }
                assertThat(c.agrees()).as(origin + " " + c.profile().id()).isPresent();
                compared.add(new Compared(origin, c));
                if (!c.agrees().orElseThrow()) {
                    disagreements.add(origin + ": " + c.disagreement());
                }
            }
        }
        assertThat(disagreements).isEmpty();
        return compared;
    }

    /**
     * Asserts that the comparison says something about {@code service}'s own clients (the built-in profiles limited
     * to it): each of them was compared, and some are predicted to connect and some to break.
     */
    static void assertNonTrivial(List<Compared> compared, String service) {
        List<String> own = ownClients(service).stream().map(ClientProfile::id).toList();
        assertThat(own).as("the built-in profiles of " + service + " clients").isNotEmpty();
        List<ProfileCheck> ofOwn = compared.stream().map(Compared::check)
                .filter(c -> own.contains(c.profile().id())).toList();
        assertThat(ofOwn.stream().map(c -> c.profile().id()).distinct()).containsExactlyInAnyOrderElementsOf(own);
        assertThat(ofOwn).as("some predicted to connect").anyMatch(c -> c.predicted().connects());
        assertThat(ofOwn).as("some predicted to break").anyMatch(c -> !c.predicted().connects());
    }

    /**
     * What the scan of {@code r} predicts for each of {@code service}'s own clients (the built-in profiles limited to
     * it) that does not connect, by profile id.
     */
    static Map<String, Reason> ownClientsPredictedToBreak(TargetResult r, String service) {
        Map<String, Reason> byId = new LinkedHashMap<>();
        ProfileCheck.of(r, ownClients(service)).stream().filter(c -> !c.predicted().connects())
                .forEach(c -> byId.put(c.profile().id(), c.predicted().reason()));
        return byId;
    }

    /** The built-in profiles limited to {@code service}'s endpoints. */
    private static List<ClientProfile> ownClients(String service) {
        return ProfileFile.builtIn().profiles().stream().filter(p -> p.services().isPresent() && p.appliesTo(service))
                .toList();
    }
}
