package io.tlsweep.analysis;

import io.tlsweep.profile.ClientMessage;
import io.tlsweep.profile.ClientMessages;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One profile against one endpoint: the prediction from the scan, what the profile's own hello got when it was
 * sent, and whether the two agree. A disagreement is reported, never smoothed over.
 */
public record ProfileCheck(ClientProfile profile, ProfileOutcome predicted, Optional<ProfileOutcome> observed) {

    public ProfileCheck {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(predicted, "predicted");
    }

    /** Every profile's prediction for {@code r}, with the observation of its hello when one was sent. */
    public static List<ProfileCheck> of(TargetResult r, List<ClientProfile> profiles) {
        List<ProfileCheck> checks = new ArrayList<>();
        for (ClientProfile p : profiles) {
            checks.add(new ProfileCheck(p, ProfilePrediction.predict(r, p),
                    Optional.ofNullable(r.profileHellos().get(p.id()))));
        }
        return checks;
    }

    /**
     * Whether prediction and observation agree: the same version and suite for a connection; the same refusal
     * (kind and alert) for a failure unless the prediction had to assume it; the same chosen version when the
     * client gives up on it. Empty when there is nothing to compare.
     */
    public Optional<Boolean> agrees() {
        if (observed.isEmpty() || predicted.reason() == Reason.UNKNOWN) {
            return Optional.empty();
        }
        ProfileOutcome o = observed.get();
        return Optional.of(switch (predicted.reason()) {
            case CONNECTS -> o.connects() && o.version().equals(predicted.version())
                    && o.suite().equals(predicted.suite());
            case CLIENT_REFUSES_VERSION, CLIENT_REFUSES_SIGNATURE -> o.reason() == predicted.reason()
                    && o.version().equals(predicted.version());
            case SERVER_REFUSES_VERSION, NO_SHARED_SUITE, REFUSED -> o.reason() == Reason.REFUSED
                    && (predicted.assumed() || sameFailure(predicted, o));
            case NO_ANSWER -> o.reason() == Reason.NO_ANSWER;
            case OTHER -> o.reason() == Reason.OTHER;
            case UNKNOWN -> true;
        });
    }

    private static boolean sameFailure(ProfileOutcome a, ProfileOutcome b) {
        return a.failure().map(f -> f.kind()).equals(b.failure().map(f -> f.kind()))
                && a.failure().flatMap(f -> f.alert()).equals(b.failure().flatMap(f -> f.alert()));
    }

    /** The prediction, or the observation when nothing could be predicted. */
    public ProfileOutcome effective() {
        return predicted.reason() == Reason.UNKNOWN ? observed.orElse(predicted) : predicted;
    }

    /** What the client shows: from the observation when there is one, else from the prediction. */
    public Optional<ClientMessage> message() {
        return messageOf(profile, observed.filter(o -> !o.connects()).orElse(predicted));
    }

    /** The words {@code profile}'s client shows for {@code outcome}; empty when it connects or is unknown. */
    public static Optional<ClientMessage> messageOf(ClientProfile profile, ProfileOutcome outcome) {
        if (outcome.reason() == Reason.CLIENT_REFUSES_SIGNATURE) {
            return Optional.of(ClientMessages.legacySignatureRefused(profile.family()));
        }
        if (outcome.connects() || outcome.reason() == Reason.UNKNOWN || outcome.failure().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ClientMessages.of(profile.family(), outcome.failure().get(),
                outcome.version().orElse(ProtocolVersion.TLSv1_2)));
    }

    /** "Windows 7 WinHTTP: predicted TLSv1.0 ..., its own hello got refused: alert handshake_failure". */
    public String disagreement() {
        return profile.name() + ": predicted " + predicted.summary() + ", its own hello got "
                + observed.map(ProfileOutcome::summary).orElse("nothing");
    }
}
