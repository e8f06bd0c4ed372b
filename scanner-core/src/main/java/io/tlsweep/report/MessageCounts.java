package io.tlsweep.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct messages one client shows over the endpoints it loses, each with how many endpoints show it, in
 * the order first seen. At most {@link #DISTINCT} messages are kept; the endpoints of any further message are
 * counted, never shown under another message's words.
 */
public final class MessageCounts {
    /** Distinct messages kept before the rest are only counted. */
    static final int DISTINCT = 6;

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long others;

    void add(String message) {
        if (counts.containsKey(message) || counts.size() < DISTINCT) {
            counts.merge(message, 1L, Long::sum);
        } else {
            others++;
        }
    }

    /** Each kept message with its count of endpoints, in the order first seen. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** How many endpoints show a message past the cap. */
    public long others() {
        return others;
    }

    /** Whether every endpoint counted shows one and the same message. */
    public boolean single() {
        return counts.size() <= 1 && others == 0;
    }

    /**
     * One entry per distinct message: the message alone when there is only one, else "message (2 endpoints)",
     * and "N endpoints with other messages" for those past the cap.
     */
    public List<String> entries() {
        List<String> entries = new ArrayList<>();
        if (single()) {
            entries.addAll(counts.keySet());
            return entries;
        }
        counts.forEach((message, n) -> entries.add(message + " (" + n + (n == 1 ? " endpoint)" : " endpoints)")));
        if (others > 0) {
            entries.add(others + (others == 1 ? " endpoint" : " endpoints") + " with other messages");
        }
        return entries;
    }

    /** {@link #entries()} joined with "; ": "10054 ... (2 endpoints); 0x80090326 ... (1 endpoint)". */
    public String joined() {
        return String.join("; ", entries());
    }
}
