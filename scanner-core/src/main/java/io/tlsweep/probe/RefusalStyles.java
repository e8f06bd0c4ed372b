package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How an endpoint turned suite offers down, and the contradictions that show it loses answers. A server turns a
 * version's suite offers down one way: when one offer got a real refusal (an alert, a lower version) and another
 * only lost answers, the lost ones were not its answer. Nor does it turn down offers of suites it lacks one way in
 * one version it speaks and another way in another: an offer lost in a version that accepted suites, where another
 * such version refused its leftover suites with an alert, was not answered either.
 */
final class RefusalStyles {
    /**
     * A kind of suite offer of one lane: a TLS 1.3 hello with an empty key_share is another kind than one with
     * real shares (a server may turn the empty one down its own way).
     */
    private record OfferKind(VersionLane lane, boolean emptyKeyShare) {
        static Optional<OfferKind> of(SentHello h) {
            return h.lane().enumeratingSuites() ? Optional.of(new OfferKind(h.lane(),
                    h.hello().keyShares().map(List::isEmpty).orElse(false))) : Optional.empty();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OfferKind k && k.lane == lane && k.emptyKeyShare == emptyKeyShare;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(lane) * 31 + Boolean.hashCode(emptyKeyShare);
        }
    }

    private final LostAnswers losses;
    private final Map<OfferKind, Failure> refusedForReal = new HashMap<>();
    private final Set<OfferKind> refusedByLostAnswers = new HashSet<>();

    RefusalStyles(LostAnswers losses) {
        this.losses = losses;
    }

    /** {@code p}, a suite offer, was refused with an answer of the server's own. */
    void refused(SentHello p, Failure why) {
        OfferKind.of(p).ifPresent(kind -> {
            refusedForReal.putIfAbsent(kind, why);
            check(kind);
        });
    }

    /** {@code p}, if a suite offer, got only lost answers, and they are about to be decided. */
    void lostOnly(SentHello p) {
        OfferKind.of(p).ifPresent(kind -> {
            refusedByLostAnswers.add(kind);
            check(kind);
        });
    }

    private void check(OfferKind kind) {
        Failure real = refusedForReal.get(kind);
        if (real != null && refusedByLostAnswers.contains(kind)) {
            losses.seen(kind.lane().evidence.version + " suites: one offer refused with " + real + ", another only"
                    + " with lost answers");
            return;
        }
        for (OfferKind lost : refusedByLostAnswers) {
            if (lost.lane().evidence.accepted.isEmpty() || lost.emptyKeyShare()) {
                continue;
            }
            refusedForReal.forEach((other, failure) -> {
                if (other.lane() != lost.lane() && !other.emptyKeyShare() && !other.lane().evidence.accepted.isEmpty()
                        && failure.kind() == FailureKind.ALERT
                        && failure.alert().map(a -> a.code() != 70).orElse(false)) {
                    losses.seen(lost.lane().evidence.version + " suites: an offer only got lost answers, while "
                            + other.lane().evidence.version + " turned its leftover suites down with " + failure);
                }
            });
        }
    }
}
