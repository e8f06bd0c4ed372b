package io.tlsweep.report;

import io.tlsweep.analysis.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code report.html}: one self-contained page for a reader who decides, not scans. No scripts, no external
 * resources; inline CSS and SVG only. Every count has a stable id ({@code count-ready}, {@code count-total}).
 */
public final class HtmlReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** Verdicts in the order a reader should care, with the words a manager reads and a colour. */
    static final List<VerdictLook> VERDICTS = List.of(
            new VerdictLook(Verdict.BREAKS_WITHOUT_LEGACY, "Break without TLS 1.0/1.1", "#c62828"),
            new VerdictLook(Verdict.NO_COMMON_ALGORITHM_RISK, "TLS 1.2 only with legacy ciphers", "#ef6c00"),
            new VerdictLook(Verdict.LEGACY_ENABLED, "Ready, legacy still on", "#f9a825"),
            new VerdictLook(Verdict.READY, "Ready", "#2e7d32"),
            new VerdictLook(Verdict.UNREACHABLE, "Unreachable", "#757575"),
            new VerdictLook(Verdict.NOT_TLS, "Not TLS", "#6a1b9a"),
            new VerdictLook(Verdict.TLS_NOT_OFFERED, "Service without TLS", "#ad1457"),
            new VerdictLook(Verdict.INCONSISTENT, "Answers contradict each other", "#00838f"),
            new VerdictLook(Verdict.EXCLUDED, "Excluded (not scanned)", "#b0bec5"));

    record VerdictLook(Verdict verdict, String title, String color) {
    }

    private HtmlReport() {
    }

    public static void write(Writer out, Tally tally, Latency latency, RunInfo run) throws IOException {
        write(out, tally, latency, run, Optional.empty());
    }

    /** As {@link #write(Writer, Tally, Latency, RunInfo)}, with the changes since a baseline run when known. */
    static void write(Writer out, Tally tally, Latency latency, RunInfo run, Optional<DriftSection> drift)
            throws IOException {
        out.write(render(tally, latency, run, drift));
        out.flush();
    }

    static String render(Tally tally, Latency latency, RunInfo run) {
        return render(tally, latency, run, Optional.empty());
    }

    static String render(Tally tally, Latency latency, RunInfo run, Optional<DriftSection> drift) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; img-src data:\">\n")
                .element("title", "tlsweep report: " + tally.endpoints() + " endpoints")
                .raw("\n<style>").raw(HtmlStyle.CSS).raw("</style>\n</head>\n<body>\n");
        h.element("h1", "TLS readiness: what breaks when TLS 1.0 and 1.1 are switched off");
        runInfo(h, run, tally);
        inputErrors(h, tally);
        HtmlEvidence.write(h, tally.legacyUse());
        verdicts(h, tally);
        HtmlAdvice.write(h, tally);
        drift.ifPresent(d -> d.write(h));
        HtmlTables.versions(h, tally);
        HtmlTables.breaking(h, tally);
        HtmlTables.inconsistent(h, tally);
        HtmlProfiles.write(h, tally.profiles());
        HtmlTables.findings(h, tally);
        HtmlTables.checks(h, tally);
        HtmlPolicies.write(h, tally.policies());
        HtmlTables.failures(h, tally);
        LatencySection.write(h, latency);
        HtmlTables.endpoints(h, tally);
        h.raw("\n</body>\n</html>\n");
        return h.toString();
    }

    private static void runInfo(Html h, RunInfo run, Tally t) {
        h.open("dl", "class", "run");
        item(h, "Started", WHEN.format(run.started()));
        item(h, "Duration", seconds(run.duration().toMillis()));
        item(h, "tlsweep", run.tlsweepVersion());
        item(h, "Command", run.commandLine());
        item(h, "Endpoints", t.endpoints());
        if (t.inputErrors() > 0) {
            item(h, "Input errors", t.inputErrors() + " line(s) of the input not read (below)");
        }
        if (t.duplicatesDropped() > 0) {
            item(h, "Duplicates", t.duplicatesDropped() + " target(s) of the input named an endpoint already listed:"
                    + " scanned and counted once");
        }
        if (t.linesSuperseded() > 0) {
            item(h, "Replaced lines", t.linesSuperseded() + " line(s) of results.jsonl replaced by a later line of"
                    + " the same endpoint (the last one counts)");
        }
        item(h, "Connections", t.connections());
        if (t.leftOut() > 0) {
            item(h, "Left out", t.leftOut() + " endpoints where nothing answered are left out of the tables and"
                    + " endpoints.csv (--only-answering): counted in the verdicts, listed in results.jsonl");
        }
        h.close("dl");
    }

    /**
     * What the input held that could not be read as a target (a malformed line, an unknown name, a file that could
     * not be opened), where and what: nothing of it was scanned. Absent when there was none.
     */
    private static void inputErrors(Html h, Tally t) {
        if (t.inputErrors() == 0) {
            return;
        }
        h.open("section", "id", "input-errors-section").element("h2", "Input errors");
        h.element("p", t.inputErrors() + " line(s) of the input could not be read as targets and were not scanned;"
                + " fix them and scan again.", "class", "note", "id", "count-input-errors");
        h.open("table", "id", "input-errors").headerRow("Where", "What");
        for (InputJson.Error e : t.firstInputErrors()) {
            h.open("tr").element("td", e.origin(), "class", "endpoint").element("td", e.message(), "class", "long")
                    .close("tr");
        }
        h.close("table");
        long more = t.inputErrors() - t.firstInputErrors().size();
        if (more > 0) {
            h.element("p", "… and " + more + " more (the scan printed each on stderr)", "class", "more");
        }
        h.close("section");
    }

    private static void item(Html h, String name, Object value) {
        h.element("dt", name).element("dd", value);
    }

    private static void verdicts(Html h, Tally t) {
        h.element("h2", "Verdicts");
        h.open("div", "class", "cards");
        h.open("div", "class", "card total").element("div", t.endpoints(), "class", "num", "id", "count-total")
                .element("div", "Endpoints scanned", "class", "label").close("div");
        List<SvgBars.Bar> bars = new ArrayList<>();
        long max = 0;
        for (VerdictLook v : VERDICTS) {
            long n = t.verdict(v.verdict());
            max = Math.max(max, n);
            h.open("div", "class", "card", "style", "border-top-color:" + v.color())
                    .element("div", n, "class", "num", "id", Html.id("count-", v.verdict().label()))
                    .element("div", v.title(), "class", "label")
                    .element("div", v.verdict().label(), "class", "code").close("div");
            bars.add(new SvgBars.Bar(v.title(), n, n + " (" + percent(n, t.endpoints()) + ")", v.color()));
        }
        h.close("div");
        SvgBars.draw(h, "Endpoints by verdict", bars, max);
        for (Map.Entry<String, Long> e : t.verdicts().entrySet()) {
            if (VERDICTS.stream().noneMatch(v -> v.verdict().label().equals(e.getKey()))) {
                h.element("p", "Other verdict '" + e.getKey() + "': " + e.getValue());
            }
        }
    }

    static String percent(long n, long of) {
        return of == 0 ? "0%" : Math.round(100.0 * n / of) + "%";
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
