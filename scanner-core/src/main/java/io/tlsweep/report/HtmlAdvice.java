package io.tlsweep.report;

import io.tlsweep.advice.CertificateMark;
import io.tlsweep.advice.Software;
import io.tlsweep.cert.CertificateFinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The "What to do" section of report.html, right after the verdict cards: a row per next step of each endpoint
 * that breaks, still accepts legacy versions or accepts a broken suite (step, where it is set, the documentation
 * that says so), then, folded, where each server software sets its versions and suites, then what the certificate marks of
 * the "All endpoints" table mean. Sources are plain links shown as text; a source that is not an https address (a
 * hand-edited line) is shown as text only.
 */
final class HtmlAdvice {
    private static final String MARK_STYLE = "color:#b71c1c;font-weight:600;white-space:normal;display:block";

    private HtmlAdvice() {
    }

    static void write(Html h, Tally t) {
        h.element("h2", "What to do", "id", "what-to-do-title");
        if (t.advised().total() == 0) {
            h.element("p", "Nothing to change: no endpoint breaks without TLS 1.0/1.1, still accepts them, or accepts"
                    + " a broken suite.", "class", "note");
        } else {
            h.element("p", "Each change, and where it is set when the scan could tell the server software (RDP and"
                    + " SQL Server are Windows Schannel; mail and FTP greetings may name their software). Where it"
                    + " could not, find the software in the table below it.", "class", "note");
            h.open("table", "id", "what-to-do").headerRow("Endpoint", "Verdict", "Step", "Where it is set", "Source");
            for (EndpointRow r : t.advised().kept()) {
                for (NextStepJson s : r.nextSteps()) {
                    h.open("tr").element("td", r.target(), "style", "white-space:nowrap").element("td", r.verdict())
                            .element("td", s.step())
                            .element("td", s.where()).open("td");
                    source(h, s.source());
                    h.close("td").close("tr");
                }
            }
            h.close("table");
            h.more(t.advised().more(), "endpoints with next steps");
            whereSet(h);
        }
        marks(h, t);
    }

    /** Where each software the report knows sets its versions and suites. */
    private static void whereSet(Html h) {
        h.open("details", "id", "where-set-details").element("summary", "Where it is set, by server software ("
                + Software.values().length + ", each with its source)");
        h.open("table", "id", "where-set").headerRow("Software", "Versions (keep TLS 1.2 and 1.3)", "Suites",
                "Source");
        for (Software s : Software.values()) {
            h.open("tr").element("td", s.title()).element("td", s.versions()).element("td", s.suites()).open("td");
            source(h, s.source());
            if (!s.suitesSource().equals(s.source())) {
                h.raw("<br>");
                source(h, s.suitesSource());
            }
            h.close("td").close("tr");
        }
        h.close("table").close("details");
    }

    /** What the certificate marks of the endpoints listed mean; absent when none has one. */
    private static void marks(Html h, Tally t) {
        List<CertificateFinding> seen = new ArrayList<>();
        for (EndpointRow r : t.all().kept()) {
            for (CertificateFinding f : CertificateFinding.values()) {
                if (!seen.contains(f) && r.certificateMarkTitle().contains(CertificateMark.shortLabel(f) + ": ")) {
                    seen.add(f);
                }
            }
        }
        if (seen.isEmpty()) {
            return;
        }
        h.element("h3", "Certificate marks");
        h.element("p", "A verdict says whether clients can still connect once TLS 1.0/1.1 are off; a certificate"
                + " problem is marked beside it (" + CertificateMark.SIGN.strip() + " ...) in \"All endpoints\":",
                "class", "note");
        h.open("ul", "id", "certificate-marks");
        seen.stream().sorted().forEach(f -> h.open("li").element("b", CertificateMark.shortLabel(f))
                .text(": " + f.title()).close("li"));
        h.close("ul");
    }

    /** The mark beside a verdict, with what it means as its title; nothing when there is none. */
    static void mark(Html h, EndpointRow r) {
        if (!r.certificateMark().isEmpty()) {
            h.text(" ").element("span", r.certificateMark(), "class", "cert-mark", "title", r.certificateMarkTitle(),
                    "style", MARK_STYLE);
        }
    }

    private static void source(Html h, String source) {
        if (source == null || source.isEmpty()) {
            h.text("–");
        } else if (source.startsWith("https://")) {
            h.open("a", "href", source).text(source).close("a");
        } else {
            h.text(source);
        }
    }

}
