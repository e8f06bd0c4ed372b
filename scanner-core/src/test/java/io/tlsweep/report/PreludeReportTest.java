package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.input.EndpointIdentity;
import io.tlsweep.input.Target;
import io.tlsweep.prelude.imap.ImapFacts;
import io.tlsweep.prelude.smtp.SmtpFacts;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.prometheus.PrometheusTextfile;
import io.tlsweep.report.prometheus.RunMetrics;
import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFactsAfterTls;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code prelude} object of a result line (the protocol said before TLS and what it learned), how it reads
 * back through the reader every view uses, and how the views show it: the protocol and whether STARTTLS was
 * offered. The protocol is part of the endpoint: a direct-TLS line and an SMTP line of one address and port are
 * two endpoints everywhere.
 */
class PreludeReportTest {
    private static final Target SMTP = new Target("192.0.2.7:25", "192.0.2.7", 25, Optional.empty(), true, "mx.txt:4",
            Optional.of("smtp"));

    private static String line(ResultJson r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonLinesWriter(out).write(r);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<ResultJson> read(String text, List<String> errors) {
        List<ResultJson> results = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(text)), "results.jsonl", results::add, errors::add);
        return results;
    }

    private static ResultJson refused(Target target, Optional<SmtpFacts> facts) {
        TargetResult r = new TargetResult(target, Optional.of("192.0.2.7"), ScanStatus.TLS_NOT_OFFERED,
                Optional.of(Failure.of(FailureKind.PRELUDE_TLS_NOT_OFFERED, "STARTTLS is not among the extensions")),
                List.of(), Map.of(), List.of(), List.of(), false, List.of(), Map.of(), 2, 40)
                .withPrelude(facts.map(f -> f));
        return ResultJson.of(r, new Assessment(Verdict.TLS_NOT_OFFERED, "STARTTLS is not offered", List.of()));
    }

    @Test
    void theLineCarriesTheProtocolAndItsFactsAndReadsBackWhole() {
        SmtpFacts facts = new SmtpFacts("smtp", "220 mx.example ESMTP", Optional.of(false), List.of("PLAIN", "LOGIN"));
        String text = line(refused(SMTP, Optional.of(facts)));

        assertThat(text).contains("\"port\":25,\"prelude\":{\"protocol\":\"smtp\",\"banner\":\"220 mx.example ESMTP\","
                + "\"starttls-offered\":false,\"auth-before-tls\":[\"PLAIN\",\"LOGIN\"]},\"status\":\"tls-not-offered\","
                + "\"verdict\":\"tls-not-offered\"");
        List<String> errors = new ArrayList<>();
        ResultJson back = read(text, errors).get(0);
        assertThat(errors).isEmpty();
        assertThat(back.prelude()).containsExactly(Map.entry("protocol", "smtp"),
                Map.entry("banner", "220 mx.example ESMTP"), Map.entry("starttls-offered", false),
                Map.entry("auth-before-tls", List.of("PLAIN", "LOGIN")));
        assertThat(line(back)).isEqualTo(text);
        assertThat(ResultLines.key(back)).isEqualTo(EndpointIdentity.key(SMTP));
    }

    @Test
    void whatWasLearnedAfterTlsFollowsTheFactsBeforeItAndReadsBackWhole() {
        SmtpFacts before = new SmtpFacts("smtp", "220 mx.example ESMTP", Optional.of(true), List.of());
        ImapFacts imapBefore = new ImapFacts("Dovecot ready.", Optional.of(true), List.of(), Optional.of(true));
        PreludeFactsAfterTls smtp = new PreludeFactsAfterTls(before, new AuthAfterTls("smtp", List.of("PLAIN",
                "LOGIN")));
        PreludeFactsAfterTls imap = new PreludeFactsAfterTls(imapBefore, new AuthAfterTls("imap", List.of("PLAIN"),
                Optional.of(true)));
        String text = line(ResultJson.of(new TargetResult(SMTP, Optional.of("192.0.2.7"), ScanStatus.OK,
                Optional.empty(), List.of(), Map.of(), List.of(), List.of(), false, List.of(), Map.of(), 3, 40)
                .withPrelude(Optional.of(smtp)), new Assessment(Verdict.READY, "ready", List.of())));

        assertThat(text).contains("\"prelude\":{\"protocol\":\"smtp\",\"banner\":\"220 mx.example ESMTP\","
                + "\"starttls-offered\":true,\"auth-before-tls\":[],\"auth-after-tls\":[\"PLAIN\",\"LOGIN\"]},");
        List<String> errors = new ArrayList<>();
        ResultJson back = read(text, errors).get(0);
        assertThat(errors).isEmpty();
        assertThat(back.prelude()).containsEntry("auth-after-tls", List.of("PLAIN", "LOGIN"))
                .doesNotContainKey("login-after-tls");
        assertThat(line(back)).isEqualTo(text);
        assertThat(smtp.plainTextAuthBeforeTls()).isEmpty();
        assertThat(imap.fields()).containsEntry("auth-after-tls", List.of("PLAIN"))
                .containsEntry("login-after-tls", true).containsEntry("login-disabled", true);
        assertThat(imap.plainTextAuthBeforeTls()).as("LOGINDISABLED before TLS, whatever is allowed after").isEmpty();
    }

    @Test
    void aPreludeWithoutFactsStillNamesItsProtocolAndDirectTlsHasNoPrelude() {
        String silent = line(refused(SMTP, Optional.empty()));
        String direct = line(refused(new Target("192.0.2.7:25", "192.0.2.7", 25, Optional.empty(), true, "x"),
                Optional.empty()));

        assertThat(silent).contains("\"prelude\":{\"protocol\":\"smtp\"},");
        assertThat(direct).doesNotContain("\"prelude\"");
        List<String> errors = new ArrayList<>();
        List<ResultJson> both = read(silent + direct, errors);
        assertThat(errors).isEmpty();
        assertThat(ResultLines.key(both.get(0))).isNotEqualTo(ResultLines.key(both.get(1)));
    }

    @Test
    void aPreludeObjectWithoutItsProtocolIsNotAWholeLine() {
        String text = line(Results.ready("192.0.2.7:25")).replace("\"status\"",
                "\"prelude\":{\"banner\":\"220 x\"},\"status\"");
        List<String> errors = new ArrayList<>();

        assertThat(read(text, errors)).isEmpty();
        assertThat(errors).containsExactly("results.jsonl:1: not a result line: no prelude.protocol");
    }

    @Test
    void theViewsShowTheProtocolAndWhetherStarttlsWasOffered() throws IOException {
        ResultJson offered = Results.readyEndpoint("192.0.2.7:25").port(25).prelude("smtp", "banner", "220 mx",
                "starttls-offered", true).build();
        ResultJson notOffered = Results.endpoint("192.0.2.8:25").port(25).status("tls-not-offered")
                .verdict("tls-not-offered").reason("smtp: STARTTLS not offered: no TLS to retire").withoutProtocols().prelude("smtp", "starttls-offered", false).build();
        ResultJson direct = Results.ready("192.0.2.9:443");

        StringWriter csv = new StringWriter();
        try (EndpointsCsv out = new EndpointsCsv(csv)) {
            for (ResultJson r : List.of(offered, notOffered, direct)) {
                out.write(EndpointFacts.of(r));
            }
        }
        List<String> rows = csv.toString().lines().toList();
        assertThat(rows.get(0)).startsWith("target,origin,address,port,sni,prelude,starttlsOffered,status,");
        assertThat(rows.get(1)).startsWith("192.0.2.7:25,input.txt:1,127.0.0.9,25,,smtp,yes,ok,");
        assertThat(rows.get(2)).startsWith("192.0.2.8:25,input.txt:1,127.0.0.9,25,,smtp,no,tls-not-offered,"
                + "tls-not-offered,\"smtp: STARTTLS not offered: no TLS to retire\",");
        assertThat(rows.get(3)).startsWith("192.0.2.9:443,input.txt:1,127.0.0.9,443,,,,ok,");

        StringWriter text = new StringWriter();
        TextReport.print(new PrintWriter(text), List.of(offered, notOffered, direct));
        assertThat(text.toString()).containsPattern("192.0.2.7:25 \\(smtp, STARTTLS\\) +ready")
                .containsPattern("192.0.2.8:25 \\(smtp, no STARTTLS\\) +tls-not-offered").contains("192.0.2.9:443 ");

        Tally tally = new Tally();
        List.of(offered, notOffered, direct).forEach(r -> tally.add(EndpointFacts.of(r)));
        String html = HtmlReport.render(tally, Latency.none(), Hostile.RUN);
        assertThat(html).contains("192.0.2.7:25 (smtp, STARTTLS)").contains("192.0.2.8:25 (smtp, no STARTTLS)");
    }

    @Test
    void driftMatchesAnEndpointWithItsProtocol() {
        ResultJson direct = Results.ready("192.0.2.7:25");
        ResultJson smtp = Results.endpoint("192.0.2.7:25").verdict("legacy-enabled").prelude("smtp").build();

        Drift same = Drift.between(List.of(direct, smtp), List.of(direct, smtp));
        Drift swapped = Drift.between(List.of(direct), List.of(smtp));

        assertThat(same.changes()).isEmpty();
        assertThat(swapped.changes()).extracting(c -> c.driftClass().label() + " " + c.endpoint().name())
                .containsExactlyInAnyOrder("disappeared 192.0.2.7:25", "appeared 192.0.2.7:25 (smtp)");
    }

    /**
     * A service that answered and offers no TLS has a status and verdict of its own in every view: not
     * unreachable, and a change to or from it is a status change.
     */
    @Test
    void aServiceWithoutTlsIsItsOwnStatusAndVerdictInEveryView() throws IOException {
        ResultJson without = Results.endpoint("192.0.2.8:3389").port(3389).status("tls-not-offered")
                .verdict("tls-not-offered").reason("rdp: standard RDP security only: no TLS to retire")
                .withoutProtocols().prelude("rdp", "selected-protocol", "standard-rdp").build();
        ResultJson closed = Results.endpoint("192.0.2.8:3389").port(3389).status("unreachable")
                .verdict("unreachable").reason("connect-refused: refused").withoutProtocols().prelude("rdp").build();

        Tally tally = new Tally();
        tally.add(EndpointFacts.of(without));
        assertThat(tally.statuses()).containsEntry("tls-not-offered", 1L).containsEntry("unreachable", 0L);
        assertThat(tally.verdicts()).containsEntry("tls-not-offered", 1L).containsEntry("unreachable", 0L);
        assertThat(HtmlReport.render(tally, Latency.none(), Hostile.RUN)).contains("Service without TLS")
                .containsPattern("id=\"count-tls-not-offered\">1<");

        RunMetrics metrics = RunMetrics.ofResults(List.of(without), Latency.none(), "r", "", Instant.EPOCH,
                Duration.ofSeconds(1), Optional.empty());
        assertThat(PrometheusTextfile.toText(metrics)).contains("tlsweep_endpoints{verdict=\"tls-not-offered\"} 1")
                .contains("tlsweep_endpoints{verdict=\"unreachable\"} 0");

        assertThat(Drift.between(List.of(closed), List.of(without)).changes())
                .extracting(c -> c.driftClass().label() + ": " + c.oldValue() + " -> " + c.newValue())
                .contains("status-changed: unreachable -> tls-not-offered",
                        "verdict-changed: unreachable -> tls-not-offered");
    }
}
