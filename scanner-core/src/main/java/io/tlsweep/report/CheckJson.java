package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.check.Check;
import io.tlsweep.check.PartJson;
import io.tlsweep.result.CheckParts;

/**
 * One check's part as a result line carries it, under {@code checks.<id>}: the line the reports show for it, the
 * connections it took, and the part itself as the check writes it ({@link PartJson}), so it can be read back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckJson(String summary, int connections, JsonNode part) {

    /** A part is a JSON object whose numbers are finite (an overflowing one would not read back the same). */
    public CheckJson {
        if (part != null && !part.isObject()) {
            throw new IllegalArgumentException("a check's part is a JSON object, not " + part.getNodeType());
        }
        if (part != null && hasNonFinite(part)) {
            throw new IllegalArgumentException("a check's part holds a number out of range");
        }
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
        return new CheckJson(json.summary(part), entry.connections(), json.write(part));
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
