package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a check's part is written to the result line (under {@code checks.<id>.part}) and read back from it. What
 * {@link #write} gives, {@link #read} must turn back into an equal part: reports and re-runs see only the lines.
 */
public interface PartJson<P> {

    /** The part as a JSON object. */
    ObjectNode write(P part);

    /**
     * The part from what {@link #write} gave.
     *
     * @throws IllegalArgumentException naming the field, when {@code json} is not such an object
     */
    P read(JsonNode json);

    /** One line for people, what the reports show for this check on an endpoint. */
    String summary(P part);
}
