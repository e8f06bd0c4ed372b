package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's parts that keep it short and printable, and the input errors in every report. How the page lays out
 * in a browser is ReportLayoutChromiumTest's (scanner-cli, on the demo's report).
 */
class ReportLayoutTest {
    @TempDir
    Path dir;

    @Test
    void theLatencySectionIsOneChartAndOneFoldedTableWhateverTheSeries() {
        Latency latency = latency();
        assertThat(latency.percentiles()).hasSizeGreaterThan(10);
        String html = HtmlReport.render(HtmlReportTest.tally(Hostile.results()), latency, Hostile.RUN);
        String section = between(html, "<section id=\"latency-section\">", "</section>");

        assertThat(occurrences(section, "<svg")).isEqualTo(1);
        assertThat(occurrences(section, "<table")).isEqualTo(1);
        assertThat(section).contains("<details id=\"latency-details\"><summary>Percentiles of the "
                + latency.percentiles().size() + " series");
        assertThat(occurrences(section, "<tr id=\"latency-")).isEqualTo(latency.percentiles().size());
        assertThat(occurrences(between(section, "<svg", "</svg>"), "<rect"))
                .as("a bar and a p50 mark per series").isEqualTo(2 * latency.percentiles().size());
        assertThat(section).contains("<th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th>");
    }

    @Test
    void everyEndpointShowsWhyAndItsFindingsAndItsPortNeverWraps() {
        String html = HtmlReport.render(HtmlReportTest.tally(List.of(Results.breaks("old.example:443"))),
                Latency.none(), Hostile.RUN);
        String table = between(html, "<table id=\"endpoints\">", "</table>");

        assertThat(table).contains("<th>Endpoint</th><th>SNI</th><th>Verdict</th><th>Why</th><th>Findings</th>")
                .contains("<td class=\"endpoint\">old.example:443</td>")
                .contains("<td class=\"verdict\">breaks-without-legacy</td>");
        ResultJson r = Results.breaks("old.example:443");
        assertThat(table).contains(">" + Html.escape(r.reason()) + "</td>");
        assertThat(r.findings()).isNotEmpty();
        assertThat(table).contains("<td class=\"labels\">" + r.findings().get(0).kind());
        assertThat(HtmlStyle.CSS).contains("td.endpoint,td.verdict,");
    }

    @Test
    void aProfileCellIsAMarkWithItsVersion() {
        ProfileJson.OutcomeJson tls12 = new ProfileJson.OutcomeJson("connects", "TLSv1.2",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null, null, null);
        ProfileJson.OutcomeJson refused = new ProfileJson.OutcomeJson("server-refuses-version", null, null, null,
                "protocol_version", null);
        ProfileJson.OutcomeJson unknown = new ProfileJson.OutcomeJson("unknown", null, null, null, null, null);

        assertThat(ProfileTally.mark(new ProfileJson("a", "A", tls12, null, null, null))).isEqualTo("\u2713 1.2");
        assertThat(ProfileTally.mark(new ProfileJson("a", "A", refused, null, null, null))).isEqualTo("\u2717");
        assertThat(ProfileTally.mark(new ProfileJson("a", "A", unknown, null, null, null))).isEqualTo("?");
        assertThat(ProfileTally.mark(new ProfileJson("a", "A", tls12, refused, false, null))).isEqualTo("\u2713 1.2*");
        assertThat(ProfileTally.shortVersion("SSLv3")).isEqualTo("SSL3");
        assertThat(HtmlProfiles.abbreviation(0)).isEqualTo("P1");
    }

    @Test
    void inputErrorsAreInTheSummaryTheTextAndThePage() throws Exception {
        List<InputJson.Error> errors = new ArrayList<>();
        IntStream.rangeClosed(1, 25).forEach(i -> errors.add(new InputJson.Error("targets.txt:" + i,
                "port 70000 out of range (1-65535) <b>" + i)));
        InputJson.of(2, errors).write(dir);
        InputJson input = InputJson.readIfPresent(dir);
        assertThat(input.inputErrors()).isEqualTo(25);
        assertThat(input.firstInputErrors()).hasSize(InputJson.KEPT).first()
                .isEqualTo(new InputJson.Error("targets.txt:1", "port 70000 out of range (1-65535) <b>1"));
        assertThat(input.plus(input).inputErrors()).isEqualTo(50);

        Tally tally = HtmlReportTest.tally(List.of(Results.ready("a.example:443")));
        tally.input(input, 0);
        String html = HtmlReport.render(tally, Latency.none(), Hostile.RUN);
        String section = between(html, "<section id=\"input-errors-section\">", "</section>");
        assertThat(occurrences(section, "<td class=\"endpoint\">targets.txt:")).isEqualTo(InputJson.KEPT);
        assertThat(section).contains("25 line(s) of the input").contains("… and 5 more")
                .contains("&lt;b&gt;20").doesNotContain("<b>");
        assertThat(HtmlReport.render(HtmlReportTest.tally(List.of(Results.ready("a.example:443"))), Latency.none(),
                Hostile.RUN)).doesNotContain("input-errors");

        SummaryJson summary = SummaryJson.of(tally, Latency.none(), Hostile.RUN);
        assertThat(summary.input().errors()).isEqualTo(25);
        assertThat(summary.input().duplicatesDropped()).isEqualTo(2);
        assertThat(summary.input().firstErrors()).hasSize(InputJson.KEPT);

        StringWriter text = new StringWriter();
        new TextReport(new PrintWriter(text)).inputErrors(input);
        assertThat(text.toString().lines().toList()).containsExactly(
                "input errors: 25 (target lines that could not be read, not scanned)",
                "  targets.txt:1: port 70000 out of range (1-65535) <b>1",
                "  targets.txt:2: port 70000 out of range (1-65535) <b>2",
                "  targets.txt:3: port 70000 out of range (1-65535) <b>3",
                "  targets.txt:4: port 70000 out of range (1-65535) <b>4",
                "  targets.txt:5: port 70000 out of range (1-65535) <b>5",
                "  ... and 20 more");
        StringWriter none = new StringWriter();
        new TextReport(new PrintWriter(none)).inputErrors(InputJson.of(0));
        assertThat(none.toString()).isEmpty();
    }

    @Test
    void thePageHasAPrintStyleSheetAndStaysSelfContained() {
        String rendered = HtmlReport.render(HtmlReportTest.tally(Hostile.results()), latency(), Hostile.RUN);
        // the next steps' sources are the page's only links: plain https anchors a reader follows, never loaded
        String html = rendered.replaceAll("<a href=\"https://[^\"<>]+\">https://[^\"<>]+</a>", "");
        assertThat(HtmlStyle.CSS).contains("@media print{").contains("@page{margin:12mm}")
                .contains("tr,.card,svg.chart,dl.legend,dl.run{break-inside:avoid}")
                .contains("details::details-content{content-visibility:visible");
        assertThat(html).contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"")
                .doesNotContain("<script").doesNotContainIgnoringCase("<link").doesNotContain(" src=\"")
                .doesNotContain(" href=\"");
        assertThat(HtmlStyle.CSS).doesNotContain("url(").doesNotContain("@import");
    }

    private static String between(String s, String from, String to) {
        int start = s.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        int end = s.indexOf(to, start);
        return s.substring(start, end);
    }

    private static int occurrences(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Hellos and alerts for SSLv3 to TLS 1.3: two first-reply and two connect series per version. */
    private static Latency latency() {
        ScanMetrics metrics = new ScanMetrics();
        for (ProtocolVersion v : List.of(ProtocolVersion.SSLv3, ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1,
                ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3)) {
            for (int i = 0; i < 50; i++) {
                long connect = 100_000 + i * 7_000L;
                long reply = connect + 300_000 + i * 40_000L;
                ServerResponse response = i % 2 == 0 ? new ServerResponse.SslV2ServerHello(v, List.of(), new byte[0])
                        : new ServerResponse.Alert(2, AlertDescription.PROTOCOL_VERSION, true);
                metrics.record(v, new ConnectionOutcome.Replied(response, new Timings(connect, reply, reply + 1000)));
            }
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        metrics.writeLog(log);
        return Latency.read(new ByteArrayInputStream(log.toByteArray()));
    }
}
