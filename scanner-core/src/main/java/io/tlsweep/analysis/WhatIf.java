package io.tlsweep.analysis;

import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * "If these were switched off on this server, who loses it": the scan result is rewritten as if the server no
 * longer accepted the assumed versions and suites, and every profile is predicted again.
 *
 * <p>A version switched off is refused the way the server already refuses a version it does not enable (its
 * newest alert, reset or close for one), or with a protocol_version alert, marked assumed, when it shows none. A
 * version left without suites is dropped the same way; its suite refusal is kept for the versions that remain. A
 * server left with no version at all refuses every hello that way too: it still answers, it does not fall silent.
 */
public final class WhatIf {
    /** Why a refusal the server never showed is taken to be a protocol_version alert. */
    static final String ASSUMED_REFUSAL = "assumed: the server showed no refusal of its own; a protocol_version"
            + " alert is what RFC 8446/5246 servers send for a version they do not enable";

    /** One profile that connects today and would not. */
    public record Loss(ClientProfile profile, ProfileOutcome today, ProfileOutcome after) {
    }

    private WhatIf() {
    }

    /** The scan result as the server would answer with {@code assumption} applied. */
    public static TargetResult apply(TargetResult r, Assumption assumption) {
        Map<ProtocolVersion, Failure> refusals = new TreeMap<>(r.refusals());
        Failure versionRefusal = versionRefusal(r);
        List<ProtocolSupport> kept = new ArrayList<>();
        for (ProtocolSupport p : r.protocols()) {
            List<CipherSuite> suites = p.cipherSuites().stream().filter(s -> !assumption.disables(s)).toList();
            if (assumption.versions().contains(p.version()) || suites.isEmpty()) {
                refusals.put(p.version(), versionRefusal);
            } else {
                kept.add(new ProtocolSupport(p.version(), suites, p.order(), p.chacha20Priority(), p.groups(),
                        p.dhPrimeBits(), p.complete(), p.refusal()));
            }
        }
        return new TargetResult(r.target(), r.address(), r.status(), r.failure(), kept, refusals, r.groups(),
                r.certificateChain(), r.ocspStapled(), r.notes(), r.profileHellos(), r.connections(), r.elapsedMillis());
    }

    /** The server's own refusal of a version it does not enable, or the assumed one with why it is assumed. */
    private static Failure versionRefusal(TargetResult r) {
        return ownRefusal(r).orElse(Failure.alert(AlertDescription.PROTOCOL_VERSION, ASSUMED_REFUSAL));
    }

    /**
     * How the server refuses a version it does not enable: the newest refusal by an alert, a reset or a close.
     * A ServerHello for a lower version or silence says nothing about how it would refuse a version it stops
     * accepting.
     */
    private static Optional<Failure> ownRefusal(TargetResult r) {
        return r.refusals().values().stream().filter(f -> f.kind() == FailureKind.ALERT
                || f.kind() == FailureKind.RESET_BEFORE_REPLY || f.kind() == FailureKind.CLOSED_BEFORE_REPLY)
                .reduce((older, newer) -> newer);
    }

    /** The profiles that connect to {@code r} today and fail once {@code assumption} is applied. */
    public static List<Loss> losses(TargetResult r, List<ClientProfile> profiles, Assumption assumption) {
        TargetResult after = apply(r, assumption);
        boolean assumed = ownRefusal(r).isEmpty();
        List<Loss> losses = new ArrayList<>();
        for (ClientProfile p : profiles) {
            ProfileOutcome today = ProfilePrediction.predict(r, p);
            if (!today.connects()) {
                continue;
            }
            ProfileOutcome then = after.protocols().isEmpty()
                    ? ProfileOutcome.fails(Reason.SERVER_REFUSES_VERSION, Optional.empty(), versionRefusal(r), assumed)
                    : ProfilePrediction.predict(after, p);
            if (!then.connects()) {
                ProfileOutcome marked = assumed && !then.assumed()
                        ? new ProfileOutcome(then.reason(), then.version(), then.suite(), then.failure(), true)
                        : then;
                losses.add(new Loss(p, today, marked));
            }
        }
        return losses;
    }
}
