package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The next steps and the certificate mark as the result line, endpoints.csv, the text report and report.html show them. */
class AdviceReportTest {
    private static final ResultJson POSTFIX = Results.endpoint("mx.example:25").port(25).verdict("legacy-enabled")
            .protocol("TLSv1.0", "server", Results.CBC).protocol("TLSv1.2", "server", Results.GCM, Results.DES3)
            .prelude("smtp", "banner", "220 mx.example ESMTP Postfix (Debian/GNU)", "starttls-offered", true).build();
    private static final ResultJson EXPIRED = Results.endpoint("old.example:443").protocol("TLSv1.2", "server",
            Results.GCM).finding("cert-expired", "expired 2026-01-01", "high")
            .finding("cert-self-signed", "self-signed", "medium").finding("cert-untrusted", "no anchor", "high").build();
    private static final ResultJson CLEAN = Results.ready("new.example:443");
    private static final ResultJson BREAKS = Results.breaks("tls10.example:443");

    private static List<ResultJson> results() {
        return List.of(POSTFIX, EXPIRED, CLEAN, BREAKS);
    }

    @Test
    void theLineCarriesItsNextStepsAndReadsThemBack() throws IOException {
        ResultJson line = POSTFIX.withNextSteps(LineAdvice.derived(POSTFIX));
        assertThat(line.nextSteps()).extracting(NextStepJson::step).containsExactly("switch off TLSv1.0",
                "remove 3DES suites: TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(line.nextSteps().get(0).where()).contains("smtpd_tls_protocols = >=TLSv1.2")
                .endsWith(" (the smtp greeting names Postfix)");
        assertThat(line.nextSteps().get(0).source()).isEqualTo(
                "https://www.postfix.org/postconf.5.html#smtpd_tls_protocols");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLinesWriter w = new JsonLinesWriter(out)) {
            w.write(line);
            w.write(CLEAN.withNextSteps(LineAdvice.derived(CLEAN)));
        }
        String jsonl = out.toString(StandardCharsets.UTF_8);
        assertThat(jsonl.lines().toList().get(0)).contains("\"nextSteps\":[{\"step\":\"switch off TLSv1.0\"");
        assertThat(jsonl.lines().toList().get(1)).as("no steps, no field").doesNotContain("nextSteps");
        List<ResultJson> read = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(jsonl)), "results.jsonl", read::add,
                e -> { throw new AssertionError(e); });
        assertThat(read.get(0).nextSteps()).isEqualTo(line.nextSteps());
    }

    @Test
    void theCsvHasTheFirstStepAndTheCertificateProblems() throws IOException {
        StringWriter out = new StringWriter();
        try (EndpointsCsv csv = new EndpointsCsv(out)) {
            results().forEach(r -> csv.write(EndpointFacts.of(r)));
        }
        List<Map<String, String>> rows = CsvReportTest.readBack(out.toString());
        assertThat(rows.get(0).get("nextStep")).startsWith("switch off TLSv1.0 — where: main.cf: smtpd_tls_protocols");
        assertThat(rows.get(0).get("certificateProblems")).isEmpty();
        assertThat(rows.get(1).get("certificateProblems")).isEqualTo("expired;self-signed");
        assertThat(rows.get(1).get("nextStep")).isEmpty();
        assertThat(rows.get(2).get("certificateProblems")).isEmpty();
        assertThat(rows.get(3).get("nextStep")).startsWith("enable TLS 1.2 (and 1.3) with ECDHE AES-GCM suites, then"
                + " switch off TLSv1.0 — where: the server's TLS settings (software not identified");
    }

    @Test
    void theTextReportMarksTheVerdictAndListsTheNextSteps() {
        StringWriter out = new StringWriter();
        TextReport.print(new PrintWriter(out), results());
        List<String> lines = out.toString().lines().toList();
        String expired = lines.stream().filter(l -> l.startsWith("old.example:443")).findFirst().orElseThrow();
        assertThat(expired).contains(" ready ").contains("⚠ cert: expired, self-signed; TLS 1.2+ only");
        assertThat(expired.indexOf("TLSv1.2")).as("columns stay aligned")
                .isEqualTo(lines.get(0).indexOf("best"));
        assertThat(lines.stream().filter(l -> l.startsWith("new.example:443")).findFirst().orElseThrow())
                .doesNotContain("⚠");
        int at = lines.indexOf("next steps (2 endpoint(s); sources in report.html, \"What to do\"):");
        assertThat(at).isPositive();
        assertThat(lines.get(at + 1)).as("the endpoint that breaks first").startsWith("  tls10.example:443: enable"
                + " TLS 1.2");
        assertThat(lines.get(at + 2)).startsWith("  mx.example:25 (smtp, STARTTLS): switch off TLSv1.0; remove 3DES"
                + " suites: TLS_RSA_WITH_3DES_EDE_CBC_SHA — where: main.cf");
    }

    @Test
    void theTextReportCapsTheNextSteps() {
        List<ResultJson> many = new ArrayList<>();
        for (int i = 0; i < TextReport.NEXT_STEPS_SHOWN + 3; i++) {
            many.add(Results.breaks("h" + i + ".example:443"));
        }
        StringWriter out = new StringWriter();
        TextReport.print(new PrintWriter(out), many);
        assertThat(out.toString()).contains("next steps (13 endpoint(s)")
                .contains("  … and 3 more (endpoints.csv column nextStep)");
        assertThat(out.toString().lines().filter(l -> l.startsWith("  h") && l.contains(": enable TLS 1.2")))
                .hasSize(TextReport.NEXT_STEPS_SHOWN);
    }

    @Test
    void theHtmlSaysWhatToDoRightAfterTheVerdictsAndMarksTheCertificate() {
        String html = HtmlReport.render(HtmlReportTest.tally(results()), Latency.none(), Hostile.RUN);
        assertThat(html.indexOf("<h2 id=\"what-to-do-title\">What to do</h2>")).isGreaterThan(html.indexOf("Verdicts"))
                .isLessThan(html.indexOf("Protocol versions accepted"));
        String table = html.substring(html.indexOf("<table id=\"what-to-do\">"), html.indexOf("<details id=\"where-set-details\">"));
        assertThat(table).contains("<td style=\"white-space:nowrap\">mx.example:25 (smtp, STARTTLS)</td><td>legacy-enabled</td><td>switch off"
                + " TLSv1.0</td><td>main.cf: smtpd_tls_protocols = &gt;=TLSv1.2")
                .contains("<a href=\"https://www.postfix.org/postconf.5.html#smtpd_tls_protocols\">")
                .contains("<td style=\"white-space:nowrap\">tls10.example:443</td><td>breaks-without-legacy</td>");
        assertThat(table.indexOf("tls10.example")).as("most urgent first").isLessThan(table.indexOf("mx.example"));
        assertThat(table).doesNotContain("old.example").doesNotContain("new.example");
        assertThat(html).contains("<summary>Where it is set, by server software (8, each with its source)</summary>"
                + "<table id=\"where-set\">")
                .contains("<a href=\"https://learn.microsoft.com/en-us/windows-server/security/tls/tls-registry-settings\">")
                .contains("<a href=\"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols\">");
        String all = html.substring(html.indexOf("<table id=\"endpoints\">"));
        assertThat(all).contains("<td class=\"verdict\">ready <span class=\"cert-mark\" title=\"expired: the leaf certificate has"
                + " expired; self-signed: the leaf certificate is self-signed\"");
        assertThat(all).contains(">⚠ cert: expired, self-signed</span>");
        String clean = all.substring(all.indexOf("<td class=\"endpoint\">new.example:443</td>"));
        assertThat(clean.substring(0, clean.indexOf("</tr>"))).doesNotContain("cert-mark");
        assertThat(html).contains("<ul id=\"certificate-marks\"><li><b>expired</b>: the leaf certificate has expired");
    }

    @Test
    void aRunWithNothingToChangeSaysSoWithoutTheReferenceTable() {
        String html = HtmlReport.render(HtmlReportTest.tally(List.of(CLEAN)), Latency.none(), Hostile.RUN);
        assertThat(html).contains("<p class=\"note\">Nothing to change: no endpoint breaks without TLS 1.0/1.1")
                .doesNotContain("where-set").doesNotContain("certificate-marks");
    }

    @Test
    void aSourceThatIsNoHttpsAddressIsNoLink() {
        ResultJson hostile = BREAKS.withNextSteps(List.of(new NextStepJson("x", "y", "javascript:alert(1)")));
        String html = HtmlReport.render(HtmlReportTest.tally(List.of(hostile)), Latency.none(), Hostile.RUN);
        assertThat(html).contains("<td>javascript:alert(1)</td>").doesNotContain("href=\"javascript");
    }
}
