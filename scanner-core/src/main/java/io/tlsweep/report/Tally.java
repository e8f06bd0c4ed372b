package io.tlsweep.report;

import io.tlsweep.analysis.FindingKinds;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.check.Checks;
import io.tlsweep.check.PostQuantumCheck;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.Severity;
import io.tlsweep.result.WindowsSymptom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The counts and the capped endpoint lists that summary.json and report.html show, folded one result at a
 * time. Memory stays bounded whatever the number of endpoints: counters, plus at most {@code cap} rows per
 * list. Not thread-safe.
 */
public final class Tally {
    /** Endpoints kept per HTML list by default. */
    public static final int DEFAULT_CAP = 500;
    /** Endpoint names kept per finding kind and per failure kind. */
    public static final int NAMES_CAP = 25;

    private final Map<String, Long> verdicts = seeded(Verdict.values());
    private final Map<String, Long> statuses = seeded(ScanStatus.values());
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<String, Long> findings = seeded(FindingKind.SCAN_RULES.stream().map(FindingKind::label).toList());
    private final Map<String, Long> failures = seeded(FailureKind.values());
    private final Map<String, Capped<String>> findingEndpoints = new LinkedHashMap<>();
    private final Map<String, FailureGroup> failureGroups = new LinkedHashMap<>();
    private final Capped<EndpointRow> breaking;
    private final Capped<EndpointRow> legacy;
    private final Capped<EndpointRow> inconsistent;
    private final Capped<EndpointRow> all;
    private final Capped<EndpointRow> advised;
    private final ProfileTally profiles;
    private final LegacyUseTally legacyUse;
    private final Map<String, String> findingTitles = new LinkedHashMap<>();
    private final Map<String, Severity> findingSeverities = new LinkedHashMap<>();
    private final Map<String, Capped<CheckRow>> checks = new LinkedHashMap<>();
    private final JudgedChecks judged;
    private final PolicyTally policies;
    private final int cap;
    private long endpoints;
    private long connections;
    private long elapsedMs;
    private InputJson input = InputJson.of(0);
    private long linesSuperseded;
    private long pqKeyExchange;
    private long leftOut;

    /**
     * Endpoints with one failure label ("alert(handshake_failure)"): the Windows symptom, the first failure
     * detail seen, and a few endpoint names.
     */
    public record FailureGroup(String kind, WindowsSymptom windows, String example, Capped<String> endpoints) {
    }

    /** One endpoint's part of a check, as the line says it: what the check found, and at what cost. */
    public record CheckRow(String endpoint, String summary, int connections) {
    }

    public Tally() {
        this(DEFAULT_CAP);
    }

    public Tally(int cap) {
        this(cap, Checks.BUILT_IN);
    }

    /** @param checks the run's checks, whose finding kinds the page explains beside tlsweep's own */
    public Tally(int cap, Checks checks) {
        this.cap = cap;
        FindingKinds.all(checks).forEach(k -> {
            findingTitles.put(k.label(), k.title());
            findingSeverities.put(k.label(), k.severity());
        });
        EndpointFacts.VERSION_COLUMNS.forEach(v -> versions.put(v, 0L));
        breaking = new Capped<>(cap);
        legacy = new Capped<>(cap);
        inconsistent = new Capped<>(cap);
        all = new Capped<>(cap);
        advised = Capped.ranked(cap, Comparator.comparingInt(r -> severity(r.verdict())));
        profiles = new ProfileTally(cap);
        legacyUse = new LegacyUseTally(cap);
        judged = new JudgedChecks(checks.judged().stream().map(c -> c.id()).toList(), cap);
        policies = new PolicyTally(cap);
    }

    /** The policies the run judged its endpoints against. */
    public PolicyTally policies() {
        return policies;
    }

    /** The client profiles over the run. */
    public ProfileTally profiles() {
        return profiles;
    }

    /** What the evidence of use joined with the run says of its legacy versions. */
    public LegacyUseTally legacyUse() {
        return legacyUse;
    }

    public void add(EndpointFacts e) {
        add(e, true);
    }

    /**
     * Counts an endpoint; one not {@code listed} (nothing answered, and the user asked for answering endpoints
     * only) is in every count but in no table: no row, no name under its failure.
     */
    public void add(EndpointFacts e, boolean listed) {
        ResultJson r = e.result();
        if (!listed) {
            leftOut++;
        }
        endpoints++;
        connections += r.connections();
        elapsedMs += r.elapsedMs();
        count(verdicts, r.verdict());
        count(statuses, r.status());
        e.versions().forEach(v -> count(versions, v));
        if (r.findings() != null) {
            // a kind of another build: the severity its line says
            r.findings().stream().filter(f -> f != null && f.kind() != null && f.severity() != null)
                    .forEach(f -> Severity.ofLabel(f.severity())
                            .ifPresent(s -> findingSeverities.putIfAbsent(f.kind(), s)));
        }
        for (String kind : e.findings()) {
            count(findings, kind);
            findingEndpoints.computeIfAbsent(kind, k -> new Capped<>(NAMES_CAP)).add(name(r));
        }
        if (!e.failureKind().isEmpty()) {
            count(failures, e.failureKind());
        }
        policies.add(r, name(r), listed);
        if (!listed) {
            return;
        }
        if (!e.failureKind().isEmpty()) {
            failureGroups.computeIfAbsent(e.failureLabel(), k -> new FailureGroup(k, e.windows(),
                    EndpointFacts.nonNull(r.failure().detail()), new Capped<>(NAMES_CAP))).endpoints().add(name(r));
        }
        profiles.add(r);
        legacyUse.add(r, name(r));
        judged.add(r, name(r));
        if (pqKeyExchange(r)) {
            pqKeyExchange++;
        }
        if (r.checks() != null) {
            r.checks().forEach((id, part) -> {
                if (part != null) {
                    checks.computeIfAbsent(id, k -> new Capped<>(cap)).add(new CheckRow(name(r),
                            EndpointFacts.nonNull(part.summary()), part.connections()));
                }
            });
        }
        EndpointRow row = EndpointRow.of(e);
        all.add(row);
        if (!row.nextSteps().isEmpty()) {
            advised.add(row);
        }
        if (Verdict.BREAKS_WITHOUT_LEGACY.label().equals(r.verdict())
                || Verdict.NO_COMMON_ALGORITHM_RISK.label().equals(r.verdict())) {
            breaking.add(row);
        } else if (Verdict.LEGACY_ENABLED.label().equals(r.verdict())) {
            legacy.add(row);
        } else if (Verdict.INCONSISTENT.label().equals(r.verdict())) {
            inconsistent.add(row);
        }
    }

    /** "host:port" as given, with the SNI name when it differs from the target. */
    static String name(ResultJson r) {
        String target = EndpointFacts.nonNull(r.target());
        List<String> more = new ArrayList<>(2);
        if (r.sni() != null && !r.sni().isEmpty() && !target.startsWith(r.sni())) {
            more.add("sni " + r.sni());
        }
        String prelude = EndpointFacts.preludeShown(r);
        if (!prelude.isEmpty()) {
            more.add(prelude);
        }
        return more.isEmpty() ? target : target + " (" + String.join("; ", more) + ")";
    }

    public long endpoints() {
        return endpoints;
    }

    /** Endpoints where nothing answered, counted but left out of the tables (--only-answering). */
    public long leftOut() {
        return leftOut;
    }

    /**
     * What the run did not count as endpoints: targets of the input dropped because their endpoint came before,
     * the input errors, and result lines replaced by a later line of the same endpoint.
     */
    public void input(InputJson in, long superseded) {
        input = in;
        linesSuperseded = superseded;
    }

    public long duplicatesDropped() {
        return input.duplicatesDropped();
    }

    /** Lines of the input that could not be read as targets, and inputs that could not be opened. */
    public long inputErrors() {
        return input.inputErrors();
    }

    /** The first {@value InputJson#KEPT} input errors, with where and what. */
    public List<InputJson.Error> firstInputErrors() {
        return input.firstInputErrors();
    }

    public long linesSuperseded() {
        return linesSuperseded;
    }

    public long connections() {
        return connections;
    }

    /** Endpoints with post-quantum key exchange: a hybrid group taken, as the post-quantum check found. */
    public long pqKeyExchange() {
        return pqKeyExchange;
    }

    /** Whether the line's post-quantum check found a hybrid group taken. */
    static boolean pqKeyExchange(ResultJson r) {
        CheckJson pq = r.checks() == null ? null : r.checks().get(PostQuantumCheck.KEY.id());
        return pq != null && PostQuantumCheck.pqKeyExchange(pq.part());
    }

    public long elapsedMs() {
        return elapsedMs;
    }

    /** Endpoints per verdict label, every verdict present. */
    public Map<String, Long> verdicts() {
        return Collections.unmodifiableMap(verdicts);
    }

    public Map<String, Long> statuses() {
        return Collections.unmodifiableMap(statuses);
    }

    /** Endpoints accepting each version, SSLv3..TLSv1.3 always present. */
    public Map<String, Long> versions() {
        return Collections.unmodifiableMap(versions);
    }

    public Map<String, Long> findings() {
        return Collections.unmodifiableMap(findings);
    }

    public Map<String, Long> failures() {
        return Collections.unmodifiableMap(failures);
    }

    /** What a finding kind means, by its label; empty for a label the taxonomy does not know. */
    public String findingTitle(String label) {
        return findingTitles.getOrDefault(label, "");
    }

    /** How much a finding kind weighs, by its label; empty for a label neither the taxonomy nor a line knew. */
    public Optional<Severity> findingSeverity(String label) {
        return Optional.ofNullable(findingSeverities.get(label));
    }

    /** The endpoints each check reported a part for, by check id in the order first seen, up to the cap. */
    public Map<String, Capped<CheckRow>> checks() {
        return Collections.unmodifiableMap(checks);
    }

    /** The active checks' results over the run: counts per check and the rows of the Checks table. */
    JudgedChecks judged() {
        return judged;
    }

    /**
     * Endpoints per result (vulnerable, not-vulnerable, not-applicable, inconclusive) of each active check that gave
     * one, in the registry's order: for summary.json.
     */
    public Map<String, Map<String, Long>> checkResults() {
        Map<String, Map<String, Long>> results = new LinkedHashMap<>();
        for (String id : judged.ids()) {
            Map<String, Long> byLabel = new LinkedHashMap<>();
            judged.counts(id).forEach((result, n) -> byLabel.put(result.label(), n));
            results.put(id, byLabel);
        }
        return results;
    }

    public Map<String, Capped<String>> findingEndpoints() {
        return Collections.unmodifiableMap(findingEndpoints);
    }

    public Map<String, FailureGroup> failureGroups() {
        return Collections.unmodifiableMap(failureGroups);
    }

    /** Endpoints that break when TLS 1.0/1.1 are switched off (or have no algorithm strong clients offer). */
    public Capped<EndpointRow> breaking() {
        return breaking;
    }

    /** Endpoints that work with TLS 1.2+ but still accept legacy versions. */
    /** Every endpoint, in the order they came, up to the cap. */
    public Capped<EndpointRow> all() {
        return all;
    }

    /** Where a verdict label stands, most severe first ({@link Verdict}'s order); another build's verdict last. */
    static int severity(String verdict) {
        for (Verdict v : Verdict.values()) {
            if (v.label().equals(verdict)) {
                return v.ordinal();
            }
        }
        return Verdict.values().length;
    }

    /**
     * Endpoints with next steps (that break, still accept legacy versions, or accept broken suites), the most severe
     * verdicts kept when there are more than the cap.
     */
    public Capped<EndpointRow> advised() {
        return advised;
    }

    public Capped<EndpointRow> legacy() {
        return legacy;
    }

    /** Endpoints whose answers contradicted each other (verdict {@code inconsistent}), with the evidence. */
    public Capped<EndpointRow> inconsistent() {
        return inconsistent;
    }

    public long verdict(Verdict v) {
        return verdicts.getOrDefault(v.label(), 0L);
    }

    private static void count(Map<String, Long> counts, String label) {
        counts.merge(label == null ? "(none)" : label, 1L, Long::sum);
    }

    private static Map<String, Long> seeded(Enum<?>[] labels) {
        return seeded(java.util.Arrays.stream(labels).map(Enum::toString).toList());
    }

    private static Map<String, Long> seeded(java.util.List<String> labels) {
        Map<String, Long> m = new LinkedHashMap<>();
        labels.forEach(l -> m.put(l, 0L));
        return m;
    }
}
