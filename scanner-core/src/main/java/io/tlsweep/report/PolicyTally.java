package io.tlsweep.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The policies of a run as its lines say them, folded one line at a time: per policy (in the order met), the
 * endpoints per verdict, every verdict present; and, for report.html, a row per endpoint not compliant with some
 * policy (up to a cap) with its failed rules. Not thread-safe.
 */
public final class PolicyTally {
    /** The verdicts as the lines and summary.json write them, in the order they are counted. */
    public static final List<String> VERDICTS = List.of(PolicyJson.COMPLIANT, PolicyJson.NOT_COMPLIANT,
            PolicyJson.NOT_APPLICABLE);

    /** An endpoint and the policies it is not compliant with. */
    record Row(String endpoint, List<PolicyJson> notCompliant) {
        Row {
            notCompliant = List.copyOf(notCompliant);
        }
    }

    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    private final Capped<Row> rows;
    private long endpoints;

    /** @param cap endpoints kept with their failed rules */
    PolicyTally(int cap) {
        this.rows = new Capped<>(cap);
    }

    /** Counts the policies of {@code r}; an endpoint {@code listed} and not compliant with one gets a row. */
    void add(ResultJson r, String endpoint, boolean listed) {
        endpoints++;
        if (r.policies() == null) {
            return;
        }
        List<PolicyJson> broken = new ArrayList<>();
        for (PolicyJson p : r.policies()) {
            if (p == null || p.policy() == null || p.verdict() == null) {
                continue;
            }
            counts.computeIfAbsent(p.policy(), k -> seeded()).merge(p.verdict(), 1L, Long::sum);
            if (p.notCompliant()) {
                broken.add(p);
            }
        }
        if (listed && !broken.isEmpty()) {
            rows.add(new Row(endpoint, broken));
        }
    }

    private static Map<String, Long> seeded() {
        Map<String, Long> m = new LinkedHashMap<>();
        VERDICTS.forEach(v -> m.put(v, 0L));
        return m;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /**
     * Per policy, in the order met, the endpoints per verdict (every verdict present; one of another build too). An
     * endpoint whose line has no verdict of the policy (nothing answered: its short line leaves not-applicable
     * out) counts as not applicable, so each policy's counts add up to the endpoints.
     */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        counts.forEach((id, byVerdict) -> {
            Map<String, Long> all = new LinkedHashMap<>(byVerdict);
            long judged = all.values().stream().mapToLong(Long::longValue).sum();
            all.merge(PolicyJson.NOT_APPLICABLE, endpoints - judged, Long::sum);
            copy.put(id, Collections.unmodifiableMap(all));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** The endpoints not compliant with some policy, up to the cap. */
    Capped<Row> notCompliant() {
        return rows;
    }

    /**
     * One line per policy for the terminal: "policy mozilla-intermediate: 3 compliant, 12 not compliant" (a count
     * of nought left out, but for compliant).
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        counts().forEach((id, byVerdict) -> lines.add("policy " + id + ": " + byVerdict.entrySet().stream()
                .filter(e -> e.getValue() > 0 || e.getKey().equals(PolicyJson.COMPLIANT))
                .map(e -> e.getValue() + " " + e.getKey().replace('-', ' ')).collect(Collectors.joining(", "))));
        return lines;
    }
}
