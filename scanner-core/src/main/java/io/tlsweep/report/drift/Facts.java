package io.tlsweep.report.drift;

import io.tlsweep.analysis.LegacyUse;
import io.tlsweep.report.LegacyUseJson;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ResultJson.CertificateJson;
import io.tlsweep.report.ResultJson.FindingJson;
import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.report.ResultJson.SuiteJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What drift compares of one endpoint, and nothing else: status, verdict, the accepted versions with their
 * suite codes and order labels, the leaf certificate's fingerprint, the certificate-expiry findings and the active
 * checks' results.
 * Label strings are shared through {@link Labels}, so a baseline of a million endpoints stays small. Lists
 * missing from a hand-edited or older line count as empty.
 */
final class Facts {
    static final String EXPIRED = "cert-expired";
    static final String EXPIRING_SOON = "cert-expiring-soon";
    private static final String[] NONE = new String[0];

    final String status;
    final String verdict;
    /** Accepted versions, in the line's order; no repeats. */
    final String[] versions;
    /** Suite codes accepted per version (same index as {@link #versions}), in the line's order. */
    final String[][] suites;
    /** The order label per version. */
    final String[] orders;
    /** Bit i set: the suite enumeration of version i ran to the end. */
    final long complete;
    /** The leaf certificate's SHA-256, lower-case hex, or null. */
    final String leaf;
    /** The detail of a cert-expired finding ("" when not kept), or null when there is none. */
    final String expired;
    /** The detail of a cert-expiring-soon finding ("" when not kept), or null when there is none. */
    final String expiringSoon;
    /** The active checks that gave a result, by id, in the line's order. */
    final String[] checks;
    /** Each one's result label (same index as {@link #checks}). */
    final String[] results;
    /** Each one's reason (same index as {@link #checks}); "" when not kept (the baseline). */
    final String[] reasons;
    /**
     * The legacy clients the line's evidence names ("127.0.0.5 TLSv1.0"); null when the line has no evidence, or
     * names only the first of more clients than a line keeps (then no client is said to come or go).
     */
    String[] legacyClients;
    /** For a baseline endpoint: a line of the new run had the same key. */
    boolean seen;

    private Facts(String status, String verdict, String[] versions, String[][] suites, String[] orders,
            long complete, String leaf, String expired, String expiringSoon, String[][] judged) {
        this.status = status;
        this.verdict = verdict;
        this.versions = versions;
        this.suites = suites;
        this.orders = orders;
        this.complete = complete;
        this.leaf = leaf;
        this.expired = expired;
        this.expiringSoon = expiringSoon;
        this.checks = judged[0];
        this.results = judged[1];
        this.reasons = judged[2];
    }

    /** A placeholder for a key first seen in the new run, so a repeated line of it is not counted twice. */
    static Facts marker() {
        Facts f = new Facts(null, null, NONE, new String[0][], NONE, 0, null, null, null,
                new String[][] {NONE, NONE, NONE});
        f.seen = true;
        return f;
    }

    /**
     * The facts of one line. With {@code details} false (the baseline), finding details are not kept, only
     * whether the finding is there.
     */
    static Facts of(ResultJson r, Labels labels, boolean details) {
        List<String> versions = new ArrayList<>();
        List<String[]> suites = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        long complete = 0;
        for (ProtocolJson p : r.protocols() == null ? List.<ProtocolJson>of() : r.protocols()) {
            if (p == null || p.version() == null || versions.contains(p.version())) {
                continue;
            }
            if (p.complete() && versions.size() < Long.SIZE) {
                complete |= 1L << versions.size();
            }
            versions.add(labels.share(p.version()));
            orders.add(labels.share(p.order()));
            suites.add(codes(p.cipherSuites(), labels));
        }
        String expired = null;
        String expiringSoon = null;
        for (FindingJson f : r.findings() == null ? List.<FindingJson>of() : r.findings()) {
            if (f == null) {
                continue;
            }
            String detail = details && f.detail() != null ? f.detail() : "";
            if (EXPIRED.equals(f.kind()) && expired == null) {
                expired = detail;
            } else if (EXPIRING_SOON.equals(f.kind()) && expiringSoon == null) {
                expiringSoon = detail;
            }
        }
        Facts f = new Facts(labels.share(r.status()), labels.share(r.verdict()), versions.toArray(NONE),
                suites.toArray(new String[0][]), orders.toArray(NONE), complete, leaf(r), expired, expiringSoon,
                judged(r, labels, details));
        f.legacyClients = legacyClients(r.evidence());
        return f;
    }

    private static String[] legacyClients(LegacyUseJson use) {
        if (use == null || !LegacyUse.Verdict.IN_USE.label().equals(use.verdict())
                && !LegacyUse.Verdict.UNUSED.label().equals(use.verdict())) {
            return null;
        }
        List<String> named = use.clientLabels();
        // in-use names the clients that completed a legacy handshake; unused ones only tried: none in use
        return named.size() >= LegacyUse.MAX_CLIENTS ? null
                : LegacyUse.Verdict.IN_USE.label().equals(use.verdict()) ? named.toArray(NONE) : NONE;
    }

    /** The active checks' ids, results and reasons ("" without details), as three arrays of one index. */
    private static String[][] judged(ResultJson r, Labels labels, boolean details) {
        List<String> ids = new ArrayList<>();
        List<String> results = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (r.checks() != null) {
            r.checks().forEach((id, c) -> {
                if (c != null && c.result() != null) {
                    ids.add(labels.share(id));
                    results.add(labels.share(c.result()));
                    reasons.add(details && c.reason() != null ? c.reason() : "");
                }
            });
        }
        return new String[][] {ids.toArray(NONE), results.toArray(NONE), reasons.toArray(NONE)};
    }

    /** The result of active check {@code id}, or null when it gave none on the endpoint. */
    String result(String id) {
        for (int i = 0; i < checks.length; i++) {
            if (checks[i].equals(id)) {
                return results[i];
            }
        }
        return null;
    }

    private static String[] codes(List<SuiteJson> suites, Labels labels) {
        if (suites == null || suites.isEmpty()) {
            return NONE;
        }
        List<String> codes = new ArrayList<>(suites.size());
        for (SuiteJson s : suites) {
            if (s == null || s.code() == null) {
                continue;
            }
            String code = labels.share(s.code());
            labels.suite(code, s.name());
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes.toArray(NONE);
    }

    private static String leaf(ResultJson r) {
        String sha = null;
        List<CertificateJson> chain = r.certificates();
        if (chain != null && !chain.isEmpty() && chain.get(0) != null) {
            sha = chain.get(0).sha256();
        }
        if ((sha == null || sha.isBlank()) && r.certificate() != null) {
            sha = r.certificate().sha256();
        }
        return sha == null || sha.isBlank() ? null : sha.strip().replace(":", "").toLowerCase(Locale.ROOT);
    }

    /** The index of a version, or -1. */
    int indexOf(String version) {
        for (int i = 0; i < versions.length; i++) {
            if (versions[i].equals(version)) {
                return i;
            }
        }
        return -1;
    }

    boolean complete(int index) {
        return index < Long.SIZE && (complete & (1L << index)) != 0;
    }
}
