package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.check.Check;
import io.tlsweep.check.Judged;
import io.tlsweep.check.Judgement;
import io.tlsweep.check.PartJson;
import io.tlsweep.result.CheckParts;
import io.tlsweep.text.Labels;
import java.util.Optional;

/**
 * One check's part as a result line carries it, under {@code checks.<id>}: the line the reports show for it, for an
 * active check its {@code result} and {@code reason} ({@link Judgement}: what the reports, the CSV, drift and
 * {@code --fail-on vulnerable} read, without knowing the check), the connections it took, and the part itself as
 * the check writes it ({@link PartJson}), so it can be read back.
 *
 * @param result for an active check: vulnerable, not-vulnerable, not-applicable or inconclusive; null otherwise
 * @param reason with {@code result}: why, in a few words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"summary", "result", "reason", "connections", "part"})
public record CheckJson(String summary, String result, String reason, int connections, JsonNode part) {
    private static final Labels<Judgement.Result> RESULTS = Labels.of(Judgement.Result.class);

    /**
     * A part is a JSON object whose numbers are finite (an overflowing one would not read back the same); a result
     * is one of the four, with a reason.
     */
    public CheckJson {
        if (result != null && (RESULTS.find(result).isEmpty() || reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a check's 'result' is one of " + RESULTS.alternatives()
                    + ", with a 'reason'");
        }
        if (result == null && reason != null) {
            throw new IllegalArgumentException("a check's 'reason' without a 'result'");
        }
        if (part != null && !part.isObject()) {
            throw new IllegalArgumentException("a check's part is a JSON object, not " + part.getNodeType());
        }
        if (part != null && hasNonFinite(part)) {
            throw new IllegalArgumentException("a check's part holds a number out of range");
        }
    }

    /** The part of a check that gives no judgement. */
    public CheckJson(String summary, int connections, JsonNode part) {
        this(summary, null, null, connections, part);
    }

    /** What an active check concluded; empty for a check that gives no judgement. */
    public Optional<Judgement> judgement() {
        return result == null ? Optional.empty()
                : Optional.of(new Judgement(RESULTS.find(result).orElseThrow(), reason));
    }

    private static boolean hasNonFinite(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return !Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (hasNonFinite(child)) {
                return true;
            }
        }
        return false;
    }

    static <P> CheckJson of(Check<P> check, CheckParts.Entry<?> entry) {
        PartJson<P> json = check.json().orElseThrow(() -> new IllegalStateException("check " + check.id()
                + " produced a part but has no JSON part: it would not reach the result line"));
        P part = check.key().type().cast(entry.value());
        Judgement judgement = part instanceof Judged j ? j.judgement() : null;
        return new CheckJson(json.summary(part), judgement == null ? null : judgement.result().label(),
                judgement == null ? null : judgement.reason(), entry.connections(), json.write(part));
    }

    /** The part back, as its check reads it. */
    public <P> P read(Check<P> check) {
        PartJson<P> json = check.json().orElseThrow(() -> new IllegalArgumentException("check " + check.id()
                + " has no JSON part"));
        if (part == null) {
            throw new IllegalArgumentException("checks." + check.id() + ": no part");
        }
        return json.read(part);
    }
}
