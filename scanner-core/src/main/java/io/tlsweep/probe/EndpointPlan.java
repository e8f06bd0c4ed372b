package io.tlsweep.probe;

import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.ConnectionOutcome;
import java.util.List;
import java.util.Optional;

/**
 * Everything sent to one endpoint: the scan, then each client profile's own hello, or the profile hellos alone
 * (the quick mode). Profile hellos wait for the scan to finish and are not sent when the scan found the
 * endpoint unusable (nothing listening, silence, not TLS, only resets).
 */
public final class EndpointPlan implements ProbePlan {
    /** Profile step ids start here, far above any scan's. */
    private static final int PROFILE_IDS = 1 << 24;

    private final Optional<TargetScan> scan;
    private final ProfileProbe profiles;

    private EndpointPlan(Optional<TargetScan> scan, ProfileProbe profiles) {
        this.scan = scan;
        this.profiles = profiles;
    }

    /** The full scan, followed by the profiles' hellos (none when {@code profiles} is empty). */
    public static EndpointPlan scanThenProfiles(Optional<String> sni, ScanOptions options,
            List<ClientProfile> profiles) {
        return new EndpointPlan(Optional.of(new TargetScan(sni, options)), new ProfileProbe(profiles, sni,
                PROFILE_IDS));
    }

    /** The profiles' hellos alone. */
    public static EndpointPlan profilesOnly(Optional<String> sni, List<ClientProfile> profiles) {
        return new EndpointPlan(Optional.empty(), new ProfileProbe(profiles, sni, PROFILE_IDS));
    }

    @Override
    public List<ProbeStep> ready() {
        if (scan.isPresent() && !scan.get().done()) {
            return scan.get().ready();
        }
        return scanEndedTarget() ? List.of() : profiles.ready();
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        if (step.id() >= PROFILE_IDS) {
            profiles.complete(step, outcome);
        } else {
            scan.orElseThrow(() -> new IllegalStateException("scan outcome in a profiles-only plan"))
                    .complete(step, outcome);
        }
    }

    @Override
    public boolean done() {
        if (scan.isPresent() && !scan.get().done()) {
            return false;
        }
        return scanEndedTarget() || profiles.done();
    }

    /** The scan stopped early (nothing listening, silence, not TLS, nothing but resets): no profile is sent. */
    private boolean scanEndedTarget() {
        return scan.flatMap(TargetScan::ending).isPresent();
    }

    public Optional<TargetScan> scan() {
        return scan;
    }

    public ProfileProbe profiles() {
        return profiles;
    }

    public int connections() {
        return scan.map(TargetScan::connections).orElse(0) + profiles.connections();
    }
}
