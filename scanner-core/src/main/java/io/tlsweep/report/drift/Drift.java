package io.tlsweep.report.drift;

import io.tlsweep.check.Judgement;
import io.tlsweep.report.ResultJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two runs, endpoint by endpoint: a sorted list of {@link Change}s and their counts per
 * {@link DriftClass}. Pure: it reads result lines and nothing else.
 *
 * <p>Endpoints are matched by {@link EndpointKey} (target, port, SNI). Versions, suites and order are
 * compared only when both runs saw the endpoint's versions, that is when its status was {@code ok} or
 * {@code rejected} in both: an endpoint that went unreachable shows as {@code status-changed} (and
 * {@code verdict-changed}), not as every version disabled. A suite is reported removed only if the new
 * run's enumeration of that version ran to the end, added only if the old run's did, and a server order
 * is compared only between complete enumerations. The certificate is compared when both runs have one; an
 * active check's result when both runs have one (a check that ran in one run only is no change).
 * When a run has several lines for one key, the first counts.
 *
 * <p>Memory: only compact facts of the old run are kept (see {@link Builder}), plus the changes.
 */
public final class Drift {
    /** Versions whose coming back is reported as {@link DriftClass#LEGACY_ENABLED}. */
    public static final Set<String> LEGACY_VERSIONS = Set.of("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1");
    /** Statuses under which a line lists every version the endpoint accepts (maybe none). */
    static final Set<String> OBSERVED = Set.of("ok", "rejected");
    private static final int SHORT_FINGERPRINT = 12;
    /** The result of an active check that found the endpoint vulnerable, as lines write it. */
    private static final String VULNERABLE = Judgement.Result.VULNERABLE.label();

    private final List<Change> changes;
    private final Map<DriftClass, Long> counts;
    private final long baselineEndpoints;
    private final long endpoints;

    private Drift(List<Change> changes, long baselineEndpoints, long endpoints) {
        List<Change> sorted = new ArrayList<>(changes);
        Collections.sort(sorted);
        this.changes = Collections.unmodifiableList(sorted);
        Map<DriftClass, Long> c = new EnumMap<>(DriftClass.class);
        for (DriftClass d : DriftClass.values()) {
            c.put(d, 0L);
        }
        sorted.forEach(ch -> c.merge(ch.driftClass(), 1L, Long::sum));
        this.counts = c;
        this.baselineEndpoints = baselineEndpoints;
        this.endpoints = endpoints;
    }

    /** The changes from the {@code old} run's lines to the {@code now} run's. */
    public static Drift between(Iterable<ResultJson> old, Iterable<ResultJson> now) {
        Builder b = builder();
        old.forEach(b::old);
        now.forEach(b::now);
        return b.build();
    }

    /** A drift made of given changes (read back from drift.json, or built by hand); they are sorted. */
    public static Drift of(List<Change> changes, long baselineEndpoints, long endpoints) {
        return new Drift(changes, baselineEndpoints, endpoints);
    }

    /** For streaming: every line of the old run with {@link Builder#old}, then the new run's with {@link Builder#now}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every change, by endpoint, then class order, then detail. */
    public List<Change> changes() {
        return changes;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(DriftClass c) {
        return counts.get(c);
    }

    public boolean has(DriftClass c) {
        return counts.get(c) > 0;
    }

    /** Changes per class label, every class present (0 when none), in class order: for the metrics. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((c, n) -> m.put(c.label(), n));
        return m;
    }

    /** How many endpoints have at least one change. */
    public long changedEndpoints() {
        long n = 0;
        EndpointKey last = null;
        for (Change c : changes) {
            if (!c.endpoint().equals(last)) {
                n++;
                last = c.endpoint();
            }
        }
        return n;
    }

    /** Distinct endpoints in the old run. */
    public long baselineEndpoints() {
        return baselineEndpoints;
    }

    /** Distinct endpoints in the new run. */
    public long endpoints() {
        return endpoints;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Drift d && changes.equals(d.changes) && baselineEndpoints == d.baselineEndpoints
                && endpoints == d.endpoints;
    }

    @Override
    public int hashCode() {
        return Objects.hash(changes, baselineEndpoints, endpoints);
    }

    @Override
    public String toString() {
        return "Drift" + counts() + " over " + baselineEndpoints + " → " + endpoints + " endpoints";
    }

    /**
     * Builds a drift from streamed lines: keeps compact facts of every old endpoint, compares each new line
     * as it comes, and at {@link #build} reports the old endpoints no new line matched. Single use, not
     * thread-safe.
     */
    public static final class Builder {
        private final Labels labels = new Labels();
        private final Map<EndpointKey, Facts> baseline = new HashMap<>();
        private final Facts appeared = Facts.marker();
        private final List<Change> changes = new ArrayList<>();
        private long baselineEndpoints;
        private long endpoints;
        private boolean comparing;
        private boolean built;

        private Builder() {
        }

        /** One line of the old run; all of them before the first {@link #now}. */
        public Builder old(ResultJson r) {
            if (comparing || built) {
                throw new IllegalStateException("old lines come before the new run's");
            }
            EndpointKey key = EndpointKey.of(r);
            if (!baseline.containsKey(key)) {
                baseline.put(key, Facts.of(r, labels, false));
                baselineEndpoints++;
            }
            return this;
        }

        /** One line of the new run. */
        public Builder now(ResultJson r) {
            if (built) {
                throw new IllegalStateException("drift already built");
            }
            comparing = true;
            EndpointKey key = EndpointKey.of(r);
            Facts before = baseline.get(key);
            if (before == null) {
                baseline.put(key, appeared);
                endpoints++;
                changes.add(new Change(DriftClass.APPEARED, key, "appeared (verdict " + show(r.verdict()) + ")",
                        null, r.verdict()));
            } else if (!before.seen) {
                before.seen = true;
                endpoints++;
                compare(key, before, Facts.of(r, labels, true));
            }
            return this;
        }

        public Drift build() {
            if (built) {
                throw new IllegalStateException("drift already built");
            }
            built = true;
            baseline.forEach((key, f) -> {
                if (!f.seen) {
                    changes.add(new Change(DriftClass.DISAPPEARED, key,
                            "disappeared (verdict was " + show(f.verdict) + ")", f.verdict, null));
                }
            });
            baseline.clear();
            return new Drift(changes, baselineEndpoints, endpoints);
        }

        private void compare(EndpointKey key, Facts o, Facts n) {
            if (!Objects.equals(o.status, n.status)) {
                add(DriftClass.STATUS_CHANGED, key, "status " + show(o.status) + " → " + show(n.status),
                        o.status, n.status);
            }
            if (!Objects.equals(o.verdict, n.verdict)) {
                add(DriftClass.VERDICT_CHANGED, key, "verdict " + show(o.verdict) + " → " + show(n.verdict),
                        o.verdict, n.verdict);
            }
            if (observed(o) && observed(n)) {
                versions(key, o, n);
            }
            if (o.leaf != null && n.leaf != null && !o.leaf.equals(n.leaf)) {
                add(DriftClass.CERTIFICATE_CHANGED, key, "certificate " + shortened(o.leaf) + " → "
                        + shortened(n.leaf), o.leaf, n.leaf);
            }
            if (n.expired != null && o.expired == null) {
                add(DriftClass.CERTIFICATE_EXPIRING, key, "certificate expired" + colon(n.expired), null,
                        Facts.EXPIRED);
            }
            if (n.expiringSoon != null && o.expiringSoon == null) {
                add(DriftClass.CERTIFICATE_EXPIRING, key, "certificate expiring soon" + colon(n.expiringSoon),
                        null, Facts.EXPIRING_SOON);
            }
            checks(key, o, n);
            legacyClients(key, o, n);
        }

        /** A legacy client that uses the endpoint now and did not, or did and does not; both lines with evidence. */
        private void legacyClients(EndpointKey key, Facts o, Facts n) {
            if (o.legacyClients == null || n.legacyClients == null) {
                return;
            }
            List<String> was = List.of(o.legacyClients);
            List<String> is = List.of(n.legacyClients);
            is.stream().filter(c -> !was.contains(c)).forEach(c -> add(DriftClass.LEGACY_CLIENT_APPEARED, key,
                    "legacy client " + c + " appeared", null, c));
            was.stream().filter(c -> !is.contains(c)).forEach(c -> add(DriftClass.LEGACY_CLIENT_GONE, key,
                    "legacy client " + c + " gone", c, null));
        }

        /** Each active check that gave a result in both runs and gives another now. */
        private void checks(EndpointKey key, Facts o, Facts n) {
            for (int i = 0; i < n.checks.length; i++) {
                String was = o.result(n.checks[i]);
                String is = n.results[i];
                if (was == null || was.equals(is)) {
                    continue;
                }
                DriftClass c = VULNERABLE.equals(is) ? DriftClass.CHECK_VULNERABLE : DriftClass.CHECK_CHANGED;
                add(c, key, n.checks[i] + ": " + was + " → " + is + colon(n.reasons[i]), was, is);
            }
        }

        private void versions(EndpointKey key, Facts o, Facts n) {
            for (String v : n.versions) {
                if (o.indexOf(v) < 0) {
                    add(DriftClass.VERSION_ENABLED, key, v + " enabled", null, v);
                    if (LEGACY_VERSIONS.contains(v)) {
                        add(DriftClass.LEGACY_ENABLED, key, "legacy " + v + " enabled", null, v);
                    }
                }
            }
            for (int i = 0; i < o.versions.length; i++) {
                String v = o.versions[i];
                int j = n.indexOf(v);
                if (j < 0) {
                    add(DriftClass.VERSION_DISABLED, key, v + " disabled", v, null);
                } else {
                    suites(key, v, o, i, n, j);
                }
            }
        }

        private void suites(EndpointKey key, String v, Facts o, int i, Facts n, int j) {
            List<String> before = Arrays.asList(o.suites[i]);
            List<String> after = Arrays.asList(n.suites[j]);
            if (o.complete(i)) {
                for (String code : after) {
                    if (!before.contains(code)) {
                        String name = labels.suiteName(code);
                        add(DriftClass.SUITE_ENABLED, key, v + ": " + name + " added", null, name);
                    }
                }
            }
            if (n.complete(j)) {
                for (String code : before) {
                    if (!after.contains(code)) {
                        String name = labels.suiteName(code);
                        add(DriftClass.SUITE_DISABLED, key, v + ": " + name + " removed", name, null);
                    }
                }
            }
            String was = o.orders[i];
            String is = n.orders[j];
            if (decides(was) && decides(is) && !was.equals(is)) {
                add(DriftClass.ORDER_CHANGED, key, v + ": order " + was + " → " + is, was, is);
            } else if ("server".equals(was) && "server".equals(is) && o.complete(i) && n.complete(j)
                    && !before.equals(after) && before.size() == after.size() && before.containsAll(after)) {
                add(DriftClass.ORDER_CHANGED, key, v + ": server order changed", names(before), names(after));
            }
        }

        private String names(List<String> codes) {
            return String.join(", ", codes.stream().map(labels::suiteName).toList());
        }

        private void add(DriftClass c, EndpointKey key, String detail, String old, String now) {
            changes.add(new Change(c, key, detail, old, now));
        }
    }

    /** The line lists every version the endpoint accepts (none when it rejected them all). */
    private static boolean observed(Facts f) {
        return f.status != null && OBSERVED.contains(f.status);
    }

    /** Whose order decides, as far as a change of it means anything: "server" or "client". */
    private static boolean decides(String order) {
        return "server".equals(order) || "client".equals(order);
    }

    private static String show(String label) {
        return label == null || label.isEmpty() ? "none" : label;
    }

    private static String colon(String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail;
    }

    private static String shortened(String fingerprint) {
        return fingerprint.length() <= SHORT_FINGERPRINT ? fingerprint
                : fingerprint.substring(0, SHORT_FINGERPRINT) + "…";
    }
}
