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
    private final java.util.function.Function<LostAnswers, TargetScan> fullScan;
    private final LostAnswers losses;
    private boolean crossChecked;

    private EndpointPlan(Optional<Recheck> recheck, java.util.function.Function<LostAnswers, TargetScan> scan,
            boolean scanNow, java.util.function.BiFunction<LostAnswers, Integer, ProfileProbe> profiles) {
        this.losses = new LostAnswers();
        this.recheck = recheck;
        this.scan = scanNow ? Optional.of(scan.apply(losses)) : Optional.empty();
        this.profiles = profiles.apply(losses, PROFILE_IDS);
        this.fullScan = scan;
    }

    /**
     * The cheap re-check against {@code baseline}; only when the endpoint answers differently, the full scan and
     * the profiles' hellos follow.
     */
    public static EndpointPlan recheckThenScan(Baseline baseline, boolean legacyWatch, Optional<String> sni,
            ScanOptions options, List<ClientProfile> profiles) {
        return new EndpointPlan(Optional.of(new Recheck(baseline, sni, legacyWatch, RECHECK_IDS)),
                losses -> new TargetScan(sni, options, losses), false,
                (losses, firstId) -> new ProfileProbe(profiles, sni, firstId, losses));
    }

    /** The full scan, followed by the profiles' hellos (none when {@code profiles} is empty). */
    public static EndpointPlan scanThenProfiles(Optional<String> sni, ScanOptions options,
            List<ClientProfile> profiles) {
        return new EndpointPlan(Optional.empty(), losses -> new TargetScan(sni, options, losses), true,
                (losses, firstId) -> new ProfileProbe(profiles, sni, firstId, losses));
    }

    /** The profiles' hellos alone. */
    public static EndpointPlan profilesOnly(Optional<String> sni, List<ClientProfile> profiles) {
        return new EndpointPlan(Optional.empty(), null, false,
                (losses, firstId) -> new ProfileProbe(profiles, sni, firstId, losses));
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
                scan = Optional.of(fullScan.apply(losses));
            }
        }
        if (scan.isPresent() && !scan.get().done()) {
            // settling its last lost answers may finish the scan without a step
            List<ProbeStep> steps = scan.get().ready();
            if (!steps.isEmpty() || !scan.get().done()) {
                return steps;
            }
        }
        if (scanEndedTarget()) {
            return List.of();
        }
        if (!profiles.done()) {
            List<ProbeStep> steps = profiles.ready();
            if (!steps.isEmpty() || !profiles.done()) {
                return steps;
            }
        }
        if (scan.isPresent() && !crossChecked) {
            crossCheck(scan.get());
            return scan.get().done() ? List.of() : scan.get().ready();
        }
        return List.of();
    }

    /**
     * A profile whose own hello connected with a version and suite the scan did not find, where the scan took a
     * lost answer for the server's refusal of that version: the endpoint loses answers, and the version is
     * probed again. (Where the scan's refusals were all real answers, the profile's prediction disagrees
     * instead, a finding.)
     */
    private void crossCheck(TargetScan s) {
        crossChecked = true;
        profiles.observed().forEach((id, o) -> {
            if (o.connects() && s.tookLostAnswer(o.version().orElseThrow())
                    && !s.accepts(o.version().orElseThrow(), o.suite().orElseThrow())) {
                String what = "profile " + id + " connected with " + o.version().get() + " "
                        + o.suite().get().ianaName();
                losses.seen(what + ", which the scan took as refused after lost answers");
                s.probeAgain(o.version().get(), what + " where the scan had only lost answers");
            }
        });
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
        return scanEndedTarget() || (profiles.done() && (scan.isEmpty() || crossChecked));
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

    /** The endpoint's lost answers: retries, and the contradictions they could not settle. */
    LostAnswers losses() {
        return losses;
    }

    /** Whether a re-check found the endpoint as its baseline says, so nothing else was sent. */
    public boolean unchangedSinceBaseline() {
        return recheck.map(Recheck::unchanged).orElse(false);
    }
}
