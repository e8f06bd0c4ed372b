package io.tlsweep.check;

import io.tlsweep.wire.NamedGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link PostQuantumCheck} found on one endpoint: per post-quantum hybrid group, whether the server took it
 * when asked by HelloRetryRequest (the group offered with an empty key_share) and when given a real hybrid key
 * share; and which group it picks from a hello that offers a hybrid and a classic share together, as current
 * browsers send. Not a flaw either way: the judgement is not-vulnerable when the answers settle it (with or
 * without post-quantum key exchange), inconclusive when lost answers leave it open, not-applicable without TLS 1.3.
 *
 * @param groups one per group asked: first the ones the server named by HelloRetryRequest, in the order it named
 *     them (its preference), then the others in the order asked
 * @param preference the answer to the hello with hybrid and classic shares; empty when it was not sent
 */
public record PostQuantumPart(Judgement judgement, List<GroupAnswer> groups, Optional<Preference> preference)
        implements Judged {

    /** How the server answered one way of asking for one group. */
    public enum Answer {
        /** It took the group: named it in a HelloRetryRequest, or answered the share with a ServerHello of it. */
        ACCEPTED("accepted"),
        /** It turned the hello down (an alert, or its way of refusing TLS 1.3 hellos). */
        REFUSED("refused"),
        /** No answer settled it: lost, something odd, or an enumeration cut short before the group. */
        UNKNOWN("unknown");

        private final String label;

        Answer(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Optional<Answer> of(String label) {
            for (Answer a : values()) {
                if (a.label.equals(label)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One group and its two answers.
     *
     * @param byRetry offered alone with an empty key_share: a HelloRetryRequest naming it is an acceptance
     * @param byKeyShare offered alone with a real hybrid share: a ServerHello with it is an acceptance
     * @param serverShareBytes the length of the server's share in that ServerHello
     */
    public record GroupAnswer(NamedGroup group, Answer byRetry, Answer byKeyShare, Optional<Integer> serverShareBytes) {
        public GroupAnswer {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(byRetry, "byRetry");
            Objects.requireNonNull(byKeyShare, "byKeyShare");
            Objects.requireNonNull(serverShareBytes, "serverShareBytes");
        }

        public boolean accepted() {
            return byRetry == Answer.ACCEPTED || byKeyShare == Answer.ACCEPTED;
        }

        boolean settled() {
            return byRetry != Answer.UNKNOWN && byKeyShare != Answer.UNKNOWN;
        }

        /** "X25519MLKEM768 (HelloRetryRequest, key share)". */
        String describe() {
            List<String> how = new ArrayList<>(2);
            if (byRetry == Answer.ACCEPTED) {
                how.add("HelloRetryRequest");
            }
            if (byKeyShare == Answer.ACCEPTED) {
                how.add("key share");
            }
            return group + " (" + String.join(", ", how) + ")";
        }
    }

    /**
     * The server's pick from one hello offering hybrid and classic groups with a share for each of the first two.
     *
     * @param chosen the group of its ServerHello or HelloRetryRequest
     * @param byRetry whether it asked for the group by HelloRetryRequest rather than taking a share given
     * @param instead what came back when no group was chosen (an alert, a reset)
     */
    public record Preference(Optional<NamedGroup> chosen, boolean byRetry, Optional<String> instead) {
        public Preference {
            if (chosen.isPresent() == instead.isPresent()) {
                throw new IllegalArgumentException("a preference is a chosen group or what came instead");
            }
        }

        static Preference of(NamedGroup group, boolean byRetry) {
            return new Preference(Optional.of(group), byRetry, Optional.empty());
        }

        static Preference none(String instead) {
            return new Preference(Optional.empty(), false, Optional.of(instead));
        }

        String describe() {
            return chosen.map(g -> g + (byRetry ? " (asked for by HelloRetryRequest)" : ""))
                    .orElseGet(() -> "no group: " + instead.orElseThrow());
        }
    }

    public PostQuantumPart {
        Objects.requireNonNull(judgement, "judgement");
        groups = List.copyOf(groups);
        Objects.requireNonNull(preference, "preference");
    }

    /** Without TLS 1.3: nothing asked. */
    static PostQuantumPart notApplicable(String why) {
        return new PostQuantumPart(Judgement.notApplicable(why), List.of(), Optional.empty());
    }

    /** The part of these answers, with the judgement they support. */
    static PostQuantumPart of(List<GroupAnswer> groups, Optional<Preference> preference) {
        return new PostQuantumPart(judge(groups, preference), groups, preference);
    }

    /** The groups the server took either way, its HelloRetryRequest order first. */
    public List<NamedGroup> accepted() {
        return groups.stream().filter(GroupAnswer::accepted).map(GroupAnswer::group).toList();
    }

    /** Whether the endpoint does post-quantum key exchange: a hybrid taken, asked either way or picked. */
    public boolean pqKeyExchange() {
        return !accepted().isEmpty() || preference.flatMap(Preference::chosen).filter(NamedGroup::isPostQuantum)
                .isPresent();
    }

    private static Judgement judge(List<GroupAnswer> groups, Optional<Preference> preference) {
        String picks = preference.map(p -> "; offered beside x25519 with both shares, it picks " + p.describe())
                .orElse("");
        List<GroupAnswer> accepted = groups.stream().filter(GroupAnswer::accepted).toList();
        Optional<NamedGroup> pickedPq = preference.flatMap(Preference::chosen).filter(NamedGroup::isPostQuantum);
        if (!accepted.isEmpty()) {
            return Judgement.notVulnerable("post-quantum key exchange: " + accepted.stream()
                    .map(GroupAnswer::describe).collect(Collectors.joining(", ")) + picks);
        }
        if (pickedPq.isPresent()) {
            return Judgement.notVulnerable("post-quantum key exchange: " + pickedPq.get()
                    + " picked beside x25519, though not taken when asked alone");
        }
        List<NamedGroup> open = groups.stream().filter(g -> !g.settled()).map(GroupAnswer::group).toList();
        if (!open.isEmpty() || groups.isEmpty()) {
            return Judgement.inconclusive("no post-quantum group seen, but the answers about "
                    + (groups.isEmpty() ? "every group" : open.stream().map(NamedGroup::name)
                            .collect(Collectors.joining(", "))) + " were lost or odd" + picks);
        }
        return Judgement.notVulnerable("no post-quantum group accepted, by HelloRetryRequest or by key share:"
                + " classic key exchange only" + picks);
    }
}
