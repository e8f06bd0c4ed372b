package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Optional;

/** Reading the optional fields the active checks' parts share from their JSON. */
final class PartFields {
    private PartFields() {
    }

    /**
     * The version named in {@code field} ("TLSv1.2"), empty when the field is absent.
     *
     * @throws IllegalArgumentException naming the check and the field when it is not a version
     */
    static Optional<ProtocolVersion> version(JsonNode json, String field, String checkId) {
        JsonNode v = json.path(field);
        if (v.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(ProtocolVersion.parse(v.asText()).filter(p -> v.isTextual()).orElseThrow(
                () -> new IllegalArgumentException(checkId + ": '" + field + "' is not a version: " + v)));
    }

    /**
     * The alert whose code is in {@code field}, empty when the field is absent.
     *
     * @throws IllegalArgumentException naming the check and the field when it is not a code from 0 to 255
     */
    static Optional<AlertDescription> alert(JsonNode json, String field, String checkId) {
        JsonNode code = json.path(field);
        if (code.isMissingNode()) {
            return Optional.empty();
        }
        if (!code.isInt() || code.intValue() < 0 || code.intValue() > 0xFF) {
            throw new IllegalArgumentException(checkId + ": '" + field + "' is not an alert's code: " + code);
        }
        return Optional.of(AlertDescription.of(code.intValue()));
    }
}
