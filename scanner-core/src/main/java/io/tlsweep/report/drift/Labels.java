package io.tlsweep.report.drift;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares the strings that repeat across endpoints (versions, suite codes, orders, verdicts, statuses), so
 * the facts kept per endpoint hold references, not copies; and remembers a name for every suite code seen.
 * Both maps are bounded: past {@link #LIMIT} distinct values, strings are kept as they come.
 */
final class Labels {
    static final int LIMIT = 1 << 16;
    private final Map<String, String> shared = new HashMap<>();
    private final Map<String, String> suiteNames = new HashMap<>();

    String share(String s) {
        if (s == null) {
            return null;
        }
        String known = shared.get(s);
        if (known != null) {
            return known;
        }
        if (shared.size() < LIMIT) {
            shared.put(s, s);
        }
        return s;
    }

    /** Remembers the first name seen for a suite code. */
    void suite(String code, String name) {
        if (code != null && name != null && !name.isEmpty() && suiteNames.size() < LIMIT) {
            suiteNames.putIfAbsent(code, name);
        }
    }

    /** The suite's name as the result lines gave it, else its code. */
    String suiteName(String code) {
        return suiteNames.getOrDefault(code, code);
    }
}
