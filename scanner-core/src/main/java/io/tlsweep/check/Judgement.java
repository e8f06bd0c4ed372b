package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import java.util.Objects;

/**
 * What an active check (a vulnerability or a property of the endpoint: Heartbleed, TLS_FALLBACK_SCSV, secure
 * renegotiation...) concluded on one endpoint: its result and, in a few words, why — what the server answered,
 * or why the check could not tell. The connections it cost are its entry's in {@code CheckParts}. Every active
 * check's part carries one ({@link Judged}), so the reports, the CSV, drift and {@code --fail-on vulnerable} treat
 * them alike.
 *
 * @param reason never empty: "heartbeat answered with 16,384 bytes for 3 sent", "no ServerHello in TLS 1.0–1.2"
 */
public record Judgement(Result result, String reason) {
    private static final Labels<Result> RESULTS = Labels.of(Result.class);

    /** The four results a check may give. */
    public enum Result implements Labelled {
        /** The server showed the flaw. */
        VULNERABLE("vulnerable"),
        /** The server was asked and did not show it. */
        NOT_VULNERABLE("not-vulnerable"),
        /** The question does not apply here (no static RSA suite for ROBOT, no TLS 1.3 for its checks). */
        NOT_APPLICABLE("not-applicable"),
        /** The answers did not settle it (lost, contradictory, or a server that answered nothing). */
        INCONCLUSIVE("inconclusive");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    public Judgement {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a judgement needs a reason");
        }
    }

    public static Judgement vulnerable(String reason) {
        return new Judgement(Result.VULNERABLE, reason);
    }

    public static Judgement notVulnerable(String reason) {
        return new Judgement(Result.NOT_VULNERABLE, reason);
    }

    public static Judgement notApplicable(String reason) {
        return new Judgement(Result.NOT_APPLICABLE, reason);
    }

    public static Judgement inconclusive(String reason) {
        return new Judgement(Result.INCONCLUSIVE, reason);
    }

    public boolean vulnerable() {
        return result == Result.VULNERABLE;
    }

    /** Puts {@code result} and {@code reason} into a part's JSON object. */
    public void writeTo(ObjectNode json) {
        json.put("result", result.label());
        json.put("reason", reason);
    }

    /**
     * The judgement in a part's JSON object, as {@link #writeTo} put it.
     *
     * @throws IllegalArgumentException naming the check and the field when it is missing or not a result
     */
    public static Judgement readFrom(JsonNode json, String checkId) {
        String result = json.path("result").textValue();
        String reason = json.path("reason").textValue();
        if (result == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(checkId + ": 'result' and 'reason' are required");
        }
        return new Judgement(RESULTS.find(result).orElseThrow(() -> new IllegalArgumentException(checkId
                + ": 'result' is " + result + ", not one of " + RESULTS.alternatives())), reason);
    }

    /** "vulnerable: heartbeat answered with 16,384 bytes for 3 sent". */
    @Override
    public String toString() {
        return result.label() + ": " + reason;
    }
}
