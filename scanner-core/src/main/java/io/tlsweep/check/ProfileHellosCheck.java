package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.ProfileProbe;
import io.tlsweep.result.PartKey;
import java.util.Optional;

/**
 * The confirmation of the client-profile predictions: each profile's own ClientHello, once. What they got is the
 * result's {@code profileHellos}; the predictions and the finding {@code profile-prediction-disagrees} come from
 * {@code analysis}, which has the scan to predict from. After the checks end, the scan looks at what these hellos
 * got ({@link io.tlsweep.probe.CheckPlan#reconsider}). They are sent beside the scan once its first contact found a TLS
 * server.
 */
public final class ProfileHellosCheck implements Check<Void> {

    @Override
    public PartKey<Void> key() {
        return ProfileProbe.KEY;
    }

    /** The profiles' hellos are their clients' own: they go out beside the scan once it found a TLS server. */
    @Override
    public boolean needsNothingEarlier() {
        return true;
    }

    /** Skipped when the run has no profiles. */
    @Override
    public Optional<? extends CheckPlan<Void>> plan(PlanContext context) {
        return ProfileProbe.plan(context);
    }
}
