package io.tlsweep.evidence;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance per distinct value for the values many tally keys share (user agents, suite names, endpoints), so
 * a million clients of one browser hold one copy of its user agent. Bounded: past {@value #MAX} distinct values,
 * new ones are kept as they come.
 */
final class Canonical {
    static final int MAX = 65_536;
    private final Map<Object, Object> seen = new HashMap<>();

    /** The instance equal to {@code value} met first, or {@code value}. */
    @SuppressWarnings("unchecked")
    <T> T of(T value) {
        Object known = seen.get(value);
        if (known != null) {
            return (T) known;
        }
        if (seen.size() < MAX) {
            seen.put(value, value);
        }
        return value;
    }
}
