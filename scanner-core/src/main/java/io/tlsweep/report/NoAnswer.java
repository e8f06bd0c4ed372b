package io.tlsweep.report;

import io.tlsweep.result.FailureKind;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.WindowsSymptom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Endpoints where nothing answered: status {@code unreachable} for a network failure (the connect refused or timed
 * out, the name did not resolve, the connection was reset or closed before any reply, or no reply came in time)
 * and no version accepted, and no byte received (a detail that counts bytes, as a slow or cut answer's does, is
 * an answer). An endpoint that said anything (an alert, a non-TLS banner, a prelude answer, a refusal
 * of every hello) answered, and is never counted here. The words for each kind are here, once.
 */
public final class NoAnswer {
    /** The network failures that leave an endpoint silent, each with what it means. */
    public enum Kind {
        CONNECT_REFUSED(FailureKind.CONNECT_REFUSED, "nothing listens: the connect was refused (TCP reset)"),
        CONNECT_TIMEOUT(FailureKind.CONNECT_TIMEOUT, "no answer to the connect within the connect timeout"
                + " (filtered, or no host)"),
        DNS_FAILURE(FailureKind.DNS_FAILURE, "the name did not resolve: nothing was connected to"),
        READ_TIMEOUT(FailureKind.READ_TIMEOUT, "connected, but no reply to any hello within the read timeout"),
        RESET_BEFORE_REPLY(FailureKind.RESET_BEFORE_REPLY, "connected, then reset before any reply"),
        CLOSED_BEFORE_REPLY(FailureKind.CLOSED_BEFORE_REPLY, "connected, then closed before any reply");

        private final FailureKind failure;
        private final String meaning;

        Kind(FailureKind failure, String meaning) {
            this.failure = failure;
            this.meaning = meaning;
        }

        public String label() {
            return failure.label();
        }

        public FailureKind failure() {
            return failure;
        }

        public String meaning() {
            return meaning;
        }

        /** What a Windows client (TLS from the first byte) shows for it. */
        public WindowsSymptom windowsSymptom() {
            return WindowsSymptom.of(failure, null);
        }

        public static Optional<Kind> ofLabel(String label) {
            return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
        }
    }

    /** One kind's words in summary.json: what it means and what a Windows client shows. */
    public record KindJson(String meaning, WindowsSymptom windowsSymptom) {
    }

    /** How the engine's failure details count the bytes an endpoint sent ("after 2 byte(s)"). */
    private static final String BYTES_RECEIVED = " byte(s)";

    private NoAnswer() {
    }

    /** Whether nothing answered on the endpoint of {@code r}. */
    public static boolean test(ResultJson r) {
        return kind(r).isPresent();
    }

    /** The way nothing answered on the endpoint of {@code r}; empty when it answered. */
    public static Optional<Kind> kind(ResultJson r) {
        if (!ScanStatus.UNREACHABLE.label().equals(r.status()) || r.failure() == null || r.failure().alert() != null
                || (r.protocols() != null && !r.protocols().isEmpty())) {
            return Optional.empty();
        }
        String detail = r.failure().detail();
        if (detail != null && detail.contains(BYTES_RECEIVED)) {
            return Optional.empty(); // some bytes came back (a slow or cut answer): it answered
        }
        return Kind.ofLabel(r.failure().kind());
    }

    /** Every kind's words, in the order of {@link Kind}: summary.json's {@code failureKinds}. */
    public static Map<String, KindJson> dictionary() {
        Map<String, KindJson> words = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            words.put(k.label(), new KindJson(k.meaning(), k.windowsSymptom()));
        }
        return words;
    }

    /** The labels of every kind, in order. */
    public static List<String> labels() {
        return Arrays.stream(Kind.values()).map(Kind::label).toList();
    }
}
