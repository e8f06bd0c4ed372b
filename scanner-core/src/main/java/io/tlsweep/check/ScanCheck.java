package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.PartKey;
import java.util.Optional;

/**
 * The scan: version lanes and their suites, whose order decides, ChaCha20 priority, groups and DH size, the
 * first-flight certificate. One check, not four: the lanes share first contact (one round finds a dead endpoint)
 * and the lost-answer bookkeeping that re-probes a version, the order hellos are built from the suites found, and
 * the TLS ≤ 1.2 groups are probed once, on the newest version that accepted ECDHE, after every lane finished.
 * Its facts are the result's own components; its findings are the scan rules of {@code analysis}.
 */
public final class ScanCheck implements Check<Void> {

    @Override
    public PartKey<Void> key() {
        return TargetScan.KEY;
    }

    /** Skipped when the run sends the profile hellos alone. */
    @Override
    public Optional<? extends CheckPlan<Void>> plan(PlanContext context) {
        return TargetScan.plan(context);
    }
}
