package io.tlsweep.result;

import java.util.Objects;

/**
 * The key of one check's part of a result: the check's id and the type of its part, so a part is read back
 * with its own type ({@link CheckParts#get}).
 *
 * @param id the check's id: lower-case words joined by '-', also its key in the JSON line
 */
public record PartKey<P>(String id, Class<P> type) {
    public PartKey {
        Objects.requireNonNull(type, "type");
        if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a check id is lower-case words joined by '-': '" + id + "'");
        }
    }
}
