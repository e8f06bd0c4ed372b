package io.tlsweep.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code endpoints.csv}: one row per endpoint, written as results stream by ({@code prelude}: what is said before
 * TLS, {@code starttlsOffered}: yes or no once the prelude told; {@code nextStep}: the first of the line's next steps
 * with where it is set; {@code certificateProblems}: the certificate mark's labels, ";"-joined;
 * {@code tls13Reached}, {@code tls13Scheme},
 * {@code tls13Signature}, {@code tls13Problem}: the line's {@code tls13}, what the scan's TLS 1.3 flight showed;
 * {@code legacyUse}, {@code legacyClients}, {@code legacyClientList}: the line's {@code evidence}, who server logs and
 * captures show using the legacy versions, empty when no evidence was joined).
 * When the run has client profiles, a column per profile follows (its id: what it negotiates, or "fails: ..." with the message the client shows),
 * then the profiles lost when TLS 1.0/1.1 go and under the user's what-if; when the run judged policies, a column
 * per policy ({@code policy:<id>}: compliant, not-compliant or not-applicable, empty where it was not judged) and
 * {@code policyFailed} (the failed rules as {@code <policy>/<rule>}, ";"-joined); then a column per active check ({@code
 * result:<id>}: vulnerable, not-vulnerable, not-applicable or inconclusive; empty where it did not run), every one
 * of the registry in its order, so the columns stay the same from run to run whatever {@code --checks} chose; then a
 * column per check that wrote a part ({@code check:<id>}: what it found, the line the check wrote). The profile and
 * check columns are taken from the first result unless given, as every result of a run carries the same profiles
 * and checks.
 */
public final class EndpointsCsv implements Closeable {
    /** The header row. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of("target", "origin", "address", "port", "sni", "prelude",
                "starttlsOffered", "status", "verdict", "reason", "nextStep", "bestVersion"));
        c.addAll(EndpointFacts.VERSION_COLUMNS);
        c.addAll(List.of("suites", "order", "findings", "failure", "windowsCode", "certificate",
                "certificateCommonName", "certificateOrganization", "certificateNotAfter", "certificateProblems",
                "tls13Reached",
                "tls13Scheme", "tls13Signature", "tls13Problem", "legacyUse", "legacyClients", "legacyClientList",
                "connections", "elapsedMs"));
        COLUMNS = List.copyOf(c);
    }

    private final Writer out;
    /** Prefix of a check's column. */
    static final String CHECK_COLUMN = "check:";
    /** Prefix of an active check's result column. */
    static final String RESULT_COLUMN = "result:";

    private CsvRows rows;
    private List<String> profileIds;
    private List<String> checkIds;
    private List<String> judgedIds;
    private List<String> policyIds;
    /** Prefix of a policy's verdict column. */
    static final String POLICY_COLUMN = "policy:";

    /** The profile and check columns are those of the first result line; no active check is known beforehand. */
    public EndpointsCsv(Writer out) {
        this(out, null, null, List.of(), null);
    }

    /**
     * @param profileIds the profile columns, or null to take them from the first result line
     * @param checkIds the check columns, or null to take them from the first result line
     * @param judgedIds the active checks' result columns (the registry's); with {@code checkIds} null, those of the
     *     first result line that are not among them follow
     * @param policyIds the policy columns, or null to take them from the first result line
     */
    public EndpointsCsv(Writer out, List<String> profileIds, List<String> checkIds, List<String> judgedIds,
            List<String> policyIds) {
        this.out = out;
        this.policyIds = policyIds == null ? null : List.copyOf(policyIds);
        this.profileIds = profileIds == null ? null : List.copyOf(profileIds);
        this.checkIds = checkIds == null ? null : List.copyOf(checkIds);
        this.judgedIds = new ArrayList<>(judgedIds);
    }

    private CsvRows rows(ResultJson first) {
        if (rows == null) {
            List<String> columns = new ArrayList<>(COLUMNS);
            if (profileIds == null) {
                profileIds = first != null && first.profiles() != null
                        ? first.profiles().stream().map(ProfileJson::id).toList() : List.of();
            }
            if (!profileIds.isEmpty()) {
                columns.addAll(profileIds);
                columns.add("losesIfLegacyOff");
                columns.add("whatIfLoses");
            }
            if (checkIds == null) {
                checkIds = first != null && first.checks() != null ? List.copyOf(first.checks().keySet()) : List.of();
                if (first != null && first.checks() != null) {
                    first.checks().forEach((id, c) -> {
                        if (c != null && c.result() != null && !judgedIds.contains(id)) {
                            judgedIds.add(id);
                        }
                    });
                }
            }
            if (policyIds == null) {
                policyIds = first != null && first.policies() != null
                        ? first.policies().stream().map(PolicyJson::policy).toList() : List.of();
            }
            if (!policyIds.isEmpty()) {
                policyIds.forEach(id -> columns.add(POLICY_COLUMN + id));
                columns.add("policyFailed");
            }
            judgedIds.forEach(id -> columns.add(RESULT_COLUMN + id));
            checkIds.forEach(id -> columns.add(CHECK_COLUMN + id));
            rows = new CsvRows(out, columns);
        }
        return rows;
    }

    public void write(EndpointFacts e) {
        ResultJson r = e.result();
        CsvRows rows = rows(r);
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.addAll(Arrays.asList(r.target(), r.origin(), r.address(), r.port(), r.sni(),
                r.preludeProtocol().orElse(""), EndpointFacts.starttlsOfferedCell(r), r.status(), r.verdict(),
                r.reason(), LineAdvice.of(r).stream().findFirst().map(NextStepJson::oneLine).orElse(""), e.best()));
        for (String v : EndpointFacts.VERSION_COLUMNS) {
            cells.add(e.accepts(v) ? "yes" : "no");
        }
        LeafCertificate leaf = LeafCertificate.of(r.certificates()).orElse(null);
        cells.addAll(Arrays.asList(e.suites(), e.order(), e.findingsJoined(), e.failureLabel(),
                e.windows().code(), leaf == null ? "" : leaf.subject(), leaf == null ? "" : leaf.commonName(),
                leaf == null ? "" : leaf.organization(), leaf == null ? "" : leaf.notAfter(),
                LineAdvice.mark(r).map(m -> String.join(";", m.labels())).orElse("")));
        Tls13FlightJson tls13 = r.tls13();
        LegacyUseJson use = r.evidence();
        cells.addAll(Arrays.asList(tls13 == null ? "" : tls13.reached(), tls13 == null ? "" : tls13.signatureScheme(),
                tls13 == null ? "" : tls13.signature(), tls13 == null ? "" : tls13.problem(),
                use == null ? "" : use.verdict(), use == null ? "" : use.legacyClients(),
                use == null ? "" : String.join("; ", use.clientLabels()), r.connections(), r.elapsedMs()));
        if (!profileIds.isEmpty()) {
            for (String id : profileIds) {
                cells.add(r.profiles() == null ? "" : r.profiles().stream().filter(p -> p.id().equals(id))
                        .findFirst().map(ProfileTally::cell).orElse(""));
            }
            cells.add(lost(r.legacyOff()));
            cells.add(lost(r.whatIf()));
        }
        if (!policyIds.isEmpty()) {
            List<String> failed = new ArrayList<>();
            for (String id : policyIds) {
                PolicyJson p = r.policies() == null ? null : r.policies().stream()
                        .filter(q -> q != null && id.equals(q.policy())).findFirst().orElse(null);
                cells.add(p == null || p.verdict() == null ? "" : p.verdict());
                if (p != null) {
                    p.failedRules().forEach(rule -> failed.add(id + "/" + rule));
                }
            }
            cells.add(String.join(";", failed));
        }
        for (String id : judgedIds) {
            CheckJson part = r.checks() == null ? null : r.checks().get(id);
            cells.add(part == null || part.result() == null ? "" : part.result());
        }
        for (String id : checkIds) {
            CheckJson part = r.checks() == null ? null : r.checks().get(id);
            cells.add(part == null ? "" : part.summary());
        }
        rows.row(cells.toArray());
    }

    private static String lost(ProfileJson.WhatIfJson w) {
        return w == null ? "" : String.join("; ", w.loses().stream().map(ProfileJson.LossJson::id).toList());
    }

    @Override
    public void close() throws IOException {
        rows(null).close();
    }
}
