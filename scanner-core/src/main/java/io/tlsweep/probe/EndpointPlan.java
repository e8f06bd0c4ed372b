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
    /** Re-check step ids start here. */
    private static final int RECHECK_IDS = 1 << 25;

    private final Optional<Recheck> recheck;
    private Optional<TargetScan> scan;
    private final ProfileProbe profiles;
    private final java.util.function.Supplier<TargetScan> fullScan;

    private EndpointPlan(Optional<Recheck> recheck, Optional<TargetScan> scan, ProfileProbe profiles,
            java.util.function.Supplier<TargetScan> fullScan) {
        this.recheck = recheck;
        this.scan = scan;
        this.profiles = profiles;
        this.fullScan = fullScan;
    }

    /**
     * The cheap re-check against {@code baseline}; only when the endpoint answers differently, the full scan and
     * the profiles' hellos follow.
     */
    public static EndpointPlan recheckThenScan(Baseline baseline, boolean legacyWatch, Optional<String> sni,
            ScanOptions options, List<ClientProfile> profiles) {
        return new EndpointPlan(Optional.of(new Recheck(baseline, sni, legacyWatch, RECHECK_IDS)), Optional.empty(),
                new ProfileProbe(profiles, sni, PROFILE_IDS), () -> new TargetScan(sni, options));
    }

    /** The full scan, followed by the profiles' hellos (none when {@code profiles} is empty). */
    public static EndpointPlan scanThenProfiles(Optional<String> sni, ScanOptions options,
            List<ClientProfile> profiles) {
        return new EndpointPlan(Optional.empty(), Optional.of(new TargetScan(sni, options)),
                new ProfileProbe(profiles, sni, PROFILE_IDS), null);
    }

    /** The profiles' hellos alone. */
    public static EndpointPlan profilesOnly(Optional<String> sni, List<ClientProfile> profiles) {
        return new EndpointPlan(Optional.empty(), Optional.empty(), new ProfileProbe(profiles, sni, PROFILE_IDS),
                null);
    }

    @Override
    public List<ProbeStep> ready() {
        if (recheck.isPresent()) {
            if (!recheck.get().done()) {
                return recheck.get().ready();
            }
            if (recheck.get().unchanged()) {
                return List.of();
            }
            if (scan.isEmpty()) {
                scan = Optional.of(fullScan.get());
            }
        }
        if (scan.isPresent() && !scan.get().done()) {
            return scan.get().ready();
        }
        return scanEndedTarget() ? List.of() : profiles.ready();
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        if (step.id() >= RECHECK_IDS) {
            recheck.orElseThrow(() -> new IllegalStateException("re-check outcome without a re-check"))
                    .complete(step, outcome);
        } else if (step.id() >= PROFILE_IDS) {
            profiles.complete(step, outcome);
        } else {
            scan.orElseThrow(() -> new IllegalStateException("scan outcome in a profiles-only plan"))
                    .complete(step, outcome);
        }
    }

    @Override
    public boolean done() {
        if (recheck.isPresent()) {
            if (!recheck.get().done()) {
                return false;
            }
            if (recheck.get().unchanged()) {
                return true;
            }
            if (scan.isEmpty()) {
                return false;
            }
        }
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
        return recheck.map(Recheck::connections).orElse(0) + scan.map(TargetScan::connections).orElse(0)
                + profiles.connections();
    }

    /** The re-check, when this plan began with one. */
    public Optional<Recheck> recheck() {
        return recheck;
    }

    /** Whether a re-check found the endpoint as its baseline says, so nothing else was sent. */
    public boolean unchangedSinceBaseline() {
        return recheck.map(Recheck::unchanged).orElse(false);
    }
}
