package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.analysis.FindingKinds;
import io.tlsweep.cert.CertificateFinding;
import io.tlsweep.check.Checks;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.Severity;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every kind of finding weighs something ({@link Severity}); the line says it beside the kind, and report.html lists
 * findings most severe first with their severity.
 */
class FindingSeverityTest {
    private static final RunInfo RUN = new RunInfo(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofSeconds(3),
            "test", "tlsweep scan");

    @Test
    void theKindsWeighWhatTheirAttacksCost() {
        Map<Severity, List<String>> bySeverity = FindingKinds.all(Checks.BUILT_IN).stream().collect(
                Collectors.groupingBy(FindingKind::severity, Collectors.mapping(FindingKind::label,
                        Collectors.toList())));
        assertThat(bySeverity.get(Severity.CRITICAL)).containsExactlyInAnyOrder("export-freak", "null-cipher",
                "anonymous", "sslv2-drown", "heartbleed");
        assertThat(bySeverity.get(Severity.HIGH)).contains("rc4", "des", "sslv3-poodle", "cert-expired",
                "cert-name-mismatch", "service-without-tls", "plain-text-auth-before-tls",
                "rdp-standard-security-accepted", "mssql-encryption-not-forced", "ccs-injection", "robot");
        assertThat(bySeverity.get(Severity.MEDIUM)).contains("3des-sweet32", "no-forward-secrecy", "small-dh-group",
                "cert-expiring-soon", "cert-self-signed", "rdp-nla-not-required", "fallback-scsv-ignored",
                "tls12-sha1-signature", "tls13-forbidden-signature", "http-basic-auth", "client-renegotiation");
        assertThat(bySeverity.get(Severity.LOW)).containsExactlyInAnyOrder("cbc-tls10-beast", "client-order",
                "suite-off-version", "http-ntlm-auth", "long-ticket-lifetime");
        assertThat(bySeverity.get(Severity.INFO)).containsExactlyInAnyOrder("sni-required", "real-stack-disagrees",
                "cbc-lucky13", "profile-prediction-disagrees");
        for (CertificateFinding f : CertificateFinding.values()) {
            assertThat(FindingKinds.of(f).severity()).as(f.label()).isIn(Severity.HIGH, Severity.MEDIUM);
        }
        assertThat(FindingKind.of("kettle-boiled", "the kettle boiled over").severity()).as("a check's kind that"
                + " says none").isEqualTo(Severity.MEDIUM);
        assertThat(FindingKind.of("kettle-leaks", "it leaks", Severity.CRITICAL).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void theLineCarriesTheSeverityAndReadsItBack() throws IOException {
        ResultJson.FindingJson rc4 = ResultJson.FindingJson.of(new Finding(FindingKind.RC4, "TLSv1.2: RC4-SHA"));
        assertThat(rc4).isEqualTo(new ResultJson.FindingJson("rc4", "TLSv1.2: RC4-SHA", "high"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLinesWriter w = new JsonLinesWriter(bytes)) {
            w.write(Results.endpoint("a.example:443").protocol("TLSv1.2", "server", Results.GCM)
                    .finding("rc4", "x").build());
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        String withSeverity = line.replace("{\"kind\":\"rc4\",\"detail\":\"x\"}",
                "{\"kind\":\"rc4\",\"detail\":\"x\",\"severity\":\"high\"}");
        assertThat(withSeverity).isNotEqualTo(line);
        List<ResultJson> back = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(line + withSeverity)), "r", back::add, e -> {
            throw new AssertionError(e);
        });
        assertThat(back.get(0).findings()).containsExactly(new ResultJson.FindingJson("rc4", "x", null));
        assertThat(back.get(1).findings()).containsExactly(new ResultJson.FindingJson("rc4", "x", "high"));
        assertThat(new ObjectMapper().readTree(line).path("findings").get(0).has("severity"))
                .as("an older line: none").isFalse();
    }

    @Test
    void thePageListsFindingsMostSevereFirst() throws IOException {
        Tally t = new Tally();
        t.add(EndpointFacts.of(Results.readyEndpoint("a.example:443").finding("cbc-tls10-beast", "TLSv1.0")
                .finding("sni-required", "").finding("anonymous", "ADH").finding("rc4", "RC4-SHA")
                .finding("kettle-boiled", "from another build").build()));
        t.add(EndpointFacts.of(Results.readyEndpoint("b.example:443").finding("kettle-leaks", "x", "critical")
                .build()));
        String html = HtmlReport.render(t, Latency.none(), RUN);
        String from = html.substring(html.indexOf("<table id=\"findings\">"));
        String table = from.substring(0, from.indexOf("</table>"));
        assertThat(table).contains("<th>Severity</th><th>Finding</th>",
                "<td class=\"severity-critical\">critical</td><td>anonymous</td>",
                "<td class=\"severity-high\">high</td><td>rc4</td>",
                "<td class=\"severity-unknown\"></td><td>kettle-boiled</td>",
                "<td class=\"severity-critical\">critical</td><td>kettle-leaks</td>");
        assertThat(List.of("anonymous", "rc4", "cbc-tls10-beast", "sni-required", "kettle-boiled"))
                .isSortedAccordingTo((a, b) -> Integer.compare(table.indexOf("<td>" + a + "</td>"),
                        table.indexOf("<td>" + b + "</td>")));
    }
}
