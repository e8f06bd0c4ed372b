package io.tlsweep.report;

import io.tlsweep.result.Severity;
import io.tlsweep.result.WindowsSymptom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tables of report.html: version support, endpoints that break, findings, failures. */
final class HtmlTables {
    private static final List<String> VERSIONS = EndpointFacts.VERSION_COLUMNS;

    private HtmlTables() {
    }

    static void versions(Html h, Tally t) {
        h.element("h2", "Protocol versions accepted");
        h.open("table", "id", "versions").open("tr").element("th", "");
        VERSIONS.forEach(v -> h.element("th", v));
        h.close("tr").open("tr").element("th", "Endpoints accepting");
        for (String v : VERSIONS) {
            long n = t.versions().getOrDefault(v, 0L);
            h.element("td", n + " (" + HtmlReport.percent(n, t.endpoints()) + ")", "id", Html.id("version-", v));
        }
        h.close("tr").close("table");
        List<EndpointRow> rows = new ArrayList<>(t.breaking().kept());
        rows.addAll(t.legacy().kept());
        if (rows.isEmpty()) {
            return;
        }
        h.element("h3", "Endpoints that break or still accept legacy versions");
        h.open("table", "id", "version-matrix").open("tr").element("th", "Endpoint").element("th", "Verdict");
        VERSIONS.forEach(v -> h.element("th", v));
        h.element("th", "Best").close("tr");
        for (EndpointRow r : rows) {
            h.open("tr").element("td", r.target()).element("td", r.verdict());
            for (String v : VERSIONS) {
                boolean on = r.versions().contains(v);
                boolean modern = v.equals("TLSv1.2") || v.equals("TLSv1.3");
                h.element("td", on ? "yes" : "–", "class", on ? (modern ? "modern" : "yes") : "no");
            }
            h.element("td", r.best()).close("tr");
        }
        h.close("table");
        h.more(t.breaking().more() + t.legacy().more(), "endpoints");
    }

    /**
     * The endpoints that break, each with what the clients that lose it will show, in the loss tables' words; the
     * Windows symptom seen (or expected) where no client profile was predicted.
     */
    static void breaking(Html h, Tally t) {
        h.element("h2", "Endpoints that break when TLS 1.0/1.1 are switched off");
        if (t.breaking().total() == 0) {
            h.element("p", "None: every reachable TLS endpoint accepts TLS 1.2 or later with suites modern"
                    + " clients offer.", "class", "note");
            return;
        }
        h.open("table", "id", "breaking")
                .headerRow("Endpoint", "SNI", "Best version", "Why", "What clients will show", "Certificate", "Notes");
        for (EndpointRow r : t.breaking().kept()) {
            h.open("tr").element("td", r.target()).element("td", r.sni()).element("td", r.best())
                    .element("td", r.reason()).open("td");
            if (r.losing().isEmpty()) {
                symptom(h, r.windows());
                if (r.windowsExpected()) {
                    h.raw("<br><small>").text("expected, not observed").raw("</small>");
                }
            } else {
                lines(h, r.losing());
            }
            h.close("td").element("td", r.certificate()).element("td", r.notes()).close("tr");
        }
        h.close("table");
        h.more(t.breaking().more(), "endpoints that break");
    }

    /**
     * Endpoints whose answers contradicted each other even when asked again: what disagreed and what was seen.
     * Absent when there are none.
     */
    static void inconsistent(Html h, Tally t) {
        if (t.inconsistent().total() == 0) {
            return;
        }
        h.element("h2", "Endpoints whose answers contradict each other");
        h.element("p", "A hello answered in one connection was lost (reset, closed, no reply) in others, and sending"
                + " it again did not settle it: no verdict is built on these answers. Scan them again, and look at"
                + " what sits in front of them (a proxy, a load balancer, an overloaded server).", "class", "note");
        h.open("table", "id", "inconsistent").headerRow("Endpoint", "SNI", "Versions seen", "What disagreed", "Notes");
        for (EndpointRow r : t.inconsistent().kept()) {
            h.open("tr").element("td", r.target()).element("td", r.sni()).element("td", String.join(" ", r.versions()))
                    .element("td", r.reason()).element("td", r.notes()).close("tr");
        }
        h.close("table");
        h.more(t.inconsistent().more(), "endpoints whose answers contradict each other");
    }

    /**
     * Every endpoint with its verdict and why, its findings, certificate and what its TLS 1.3 flight showed once
     * decrypted (how far it was read, the CertificateVerify scheme, whether the signature verified): the one place a
     * ready endpoint's facts show. The endpoint cell never wraps inside {@code host:port}; long text wraps in its cell.
     */
    static void endpoints(Html h, Tally t) {
        h.element("h2", "All endpoints");
        h.open("table", "id", "endpoints").headerRow("Endpoint", "SNI", "Verdict", "Why", "Findings", "Versions",
                "Certificate", "TLS 1.3 flight", "Next step");
        for (EndpointRow r : t.all().kept()) {
            h.open("tr").element("td", r.target(), "class", "endpoint").element("td", r.sni())
                    .open("td", "class", "verdict").text(r.verdict());
            HtmlAdvice.mark(h, r);
            h.close("td").element("td", r.reason(), "class", "long why")
                    .element("td", String.join(" ", r.findings()), "class", "labels")
                    .element("td", String.join(" ", r.versions())).element("td", r.certificate(), "class", "long")
                    .element("td", r.tls13(), "class", "long").element("td", r.nextSteps().isEmpty() ? ""
                            : r.nextSteps().get(0).step(), "class", "long").close("tr");
        }
        h.close("table");
        h.more(t.all().more(), "endpoints");
    }

    /** The findings, most severe first (a kind of unknown severity last), with how many endpoints have each. */
    static void findings(Html h, Tally t) {
        h.element("h2", "Weak cipher suites and other findings");
        List<Map.Entry<String, Long>> found = t.findings().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(java.util.Comparator.comparingInt(e -> t.findingSeverity(e.getKey())
                        .map(Enum::ordinal).orElse(Severity.values().length)))
                .toList();
        if (found.isEmpty()) {
            h.element("p", "No findings.", "class", "note");
            return;
        }
        h.open("table", "id", "findings").headerRow("Severity", "Finding", "What it means", "Endpoints", "Which");
        for (Map.Entry<String, Long> e : found) {
            Capped<String> names = t.findingEndpoints().get(e.getKey());
            String severity = t.findingSeverity(e.getKey()).map(Severity::label).orElse("");
            h.open("tr").element("td", severity, "class", "severity-" + (severity.isEmpty() ? "unknown" : severity))
                    .element("td", e.getKey()).element("td", t.findingTitle(e.getKey()))
                    .element("td", e.getValue(), "id", Html.id("finding-", e.getKey()));
            names(h, names);
            h.close("tr");
        }
        h.close("table");
    }

    static void failures(Html h, Tally t) {
        h.element("h2", "Failures by kind");
        if (t.failureGroups().isEmpty()) {
            h.element("p", "No failures.", "class", "note");
            return;
        }
        h.open("table", "id", "failures").headerRow("Failure", "Endpoints", "For example", "Windows client sees",
                "Which");
        for (Tally.FailureGroup g : t.failureGroups().values()) {
            h.open("tr").element("td", g.kind()).element("td", g.endpoints().total(), "id", Html.id("failure-", g.kind()))
                    .element("td", g.example()).open("td");
            symptom(h, g.windows());
            h.close("td");
            names(h, g.endpoints());
            h.close("tr");
        }
        h.close("table");
    }

    private static void names(Html h, Capped<String> names) {
        h.open("td").text(String.join(", ", names == null ? List.of() : names.kept()));
        if (names != null && names.more() > 0) {
            h.text(" … and " + names.more() + " more");
        }
        h.close("td");
    }

    /** Lines of text in one cell, one per line. */
    private static void lines(Html h, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                h.raw("<br>");
            }
            h.text(lines.get(i));
        }
    }

    private static void symptom(Html h, WindowsSymptom w) {
        if (w.code().isEmpty() && w.text().isEmpty()) {
            h.text("–");
            return;
        }
        h.element("b", w.code()).text(" " + w.text());
        if (!w.dotNet().isEmpty()) {
            h.raw("<br><small>").text(".NET: " + w.dotNet()).raw("</small>");
        }
    }

    /**
     * What each check found: the active checks' results in one table ({@link HtmlChecks}), then one table per
     * check, from the parts the lines carry: a check shows here with no change to this page. Absent when no line
     * has a check part.
     */
    static void checks(Html h, Tally t) {
        if (t.checks().isEmpty()) {
            return;
        }
        h.element("h2", "Checks");
        HtmlChecks.write(h, t.judged());
        for (Map.Entry<String, Capped<Tally.CheckRow>> e : t.checks().entrySet()) {
            h.element("h3", e.getKey() + " (" + e.getValue().total() + " endpoints)");
            h.open("table", "id", Html.id("check-", e.getKey())).headerRow("Endpoint", "Found", "Connections");
            for (Tally.CheckRow r : e.getValue().kept()) {
                h.row(r.endpoint(), r.summary(), r.connections());
            }
            h.close("table");
            h.more(e.getValue().more(), "endpoints");
        }
    }
}
