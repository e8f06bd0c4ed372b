package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.input.Target;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.SignatureScheme;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The line's {@code tls13} object: what the scan's TLS 1.3 flight showed, written and read back whole, and shown in
 * endpoints.csv and report.html rebuilt from the lines.
 */
class Tls13FlightReportTest {
    private static final Target TARGET = new Target("192.0.2.9:443", "192.0.2.9", 443, Optional.empty(), true,
            "in.txt:1", Optional.empty());

    private static String line(ResultJson r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonLinesWriter(out).write(r);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ResultJson readBack(String text) {
        List<ResultJson> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(text)), "results.jsonl", results::add, errors::add);
        assertThat(errors).isEmpty();
        return results.get(0);
    }

    private static ResultJson lineOf(Optional<EncryptedFlight> flight) {
        TargetResult r = new TargetResult(TARGET, Optional.of("192.0.2.9"), ScanStatus.OK, Optional.empty(), List.of(),
                Map.of(), List.of(), List.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}), false, List.of(), Map.of(),
                3, 40).withTls13Flight(flight);
        return ResultJson.of(r, new Assessment(Verdict.READY, "fine", List.of()));
    }

    @Test
    void aWholeFlightIsWrittenBesideTheCertificatesAndReadsBackTheSame() {
        EncryptedFlight whole = new EncryptedFlight(EncryptedFlight.Reached.FINISHED,
                Optional.of(SignatureScheme.ED25519), EncryptedFlight.SignatureCheck.VERIFIED, false, Optional.empty());
        String text = line(lineOf(Optional.of(whole)));

        assertThat(text).contains("\"tls13\":{\"reached\":\"Finished\",\"signatureScheme\":\"ed25519\","
                + "\"signature\":\"verified\",\"certificateRequested\":false}");
        assertThat(text.indexOf("\"certificates\"")).isLessThan(text.indexOf("\"tls13\""));
        ResultJson back = readBack(text);
        assertThat(back.tls13().flight()).contains(whole);
        assertThat(line(back)).isEqualTo(text);
    }

    @Test
    void aFlightCutShortKeepsItsProblemAndAnUnregisteredSchemeItsCode() {
        EncryptedFlight cut = new EncryptedFlight(EncryptedFlight.Reached.CERTIFICATE_VERIFY,
                Optional.of(SignatureScheme.of(0x0A0A)), EncryptedFlight.SignatureCheck.NOT_CHECKED, true,
                Optional.of(new EncryptedFlight.Problem(EncryptedFlight.Kind.TRUNCATED, "the bytes ended")));
        ResultJson back = readBack(line(lineOf(Optional.of(cut))));

        assertThat(back.tls13().signatureScheme()).isEqualTo("0x0A0A");
        assertThat(back.tls13().flight()).contains(cut);
    }

    @Test
    void noFlightNoField() {
        String text = line(lineOf(Optional.empty()));
        assertThat(text).doesNotContain("tls13");
        assertThat(readBack(text).tls13()).isNull();
    }

    @Test
    void endpointsCsvAndTheHtmlPageShowTheFlightRebuiltFromTheLines() throws Exception {
        EncryptedFlight whole = new EncryptedFlight(EncryptedFlight.Reached.FINISHED,
                Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256), EncryptedFlight.SignatureCheck.VERIFIED, false,
                Optional.empty());
        EncryptedFlight cut = new EncryptedFlight(EncryptedFlight.Reached.CERTIFICATE, Optional.empty(),
                EncryptedFlight.SignatureCheck.NOT_CHECKED, false,
                Optional.of(new EncryptedFlight.Problem(EncryptedFlight.Kind.TRUNCATED, "the bytes ended")));
        List<ResultJson> lines = List.of(readBack(line(lineOf(Optional.of(whole)))),
                readBack(line(lineOf(Optional.of(cut)))), readBack(line(lineOf(Optional.empty()))));

        java.io.StringWriter out = new java.io.StringWriter();
        try (EndpointsCsv csv = new EndpointsCsv(out)) {
            for (ResultJson r : lines) {
                csv.write(EndpointFacts.of(r));
            }
        }
        List<Map<String, String>> rows = CsvReportTest.readBack(out.toString());
        assertThat(rows.get(0)).containsEntry("tls13Reached", "Finished")
                .containsEntry("tls13Scheme", "ecdsa_secp256r1_sha256").containsEntry("tls13Signature", "verified")
                .containsEntry("tls13Problem", "");
        assertThat(rows.get(1)).containsEntry("tls13Reached", "Certificate").containsEntry("tls13Scheme", "")
                .containsEntry("tls13Signature", "not-checked").containsEntry("tls13Problem", "truncated");
        assertThat(rows.get(2)).containsEntry("tls13Reached", "").containsEntry("tls13Scheme", "")
                .containsEntry("tls13Signature", "");

        Tally t = new Tally();
        lines.forEach(r -> t.add(EndpointFacts.of(r)));
        String html = HtmlReport.render(t, Latency.none(), new RunInfo(java.time.Instant.parse(
                "2026-12-03T10:00:00Z"), java.time.Duration.ofSeconds(1), "test", "tlsweep scan"));
        String from = html.substring(html.indexOf("<table id=\"endpoints\">"));
        String table = from.substring(0, from.indexOf("</table>"));
        assertThat(table).contains("<th>TLS 1.3 flight</th>",
                "<td class=\"long\">read to Finished; CertificateVerify ecdsa_secp256r1_sha256, signature verified</td>",
                "<td class=\"long\">read to Certificate; truncated: the bytes ended</td>");
    }

    @Test
    void aLineWhoseFlightLacksItsRequiredFieldsIsReported() {
        String text = line(lineOf(Optional.empty())).replace("\"connections\"",
                "\"tls13\":{\"signatureScheme\":\"ed25519\"},\"connections\"");
        List<String> errors = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(text)), "results.jsonl", r -> { }, errors::add);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("tls13.reached");
    }
}
