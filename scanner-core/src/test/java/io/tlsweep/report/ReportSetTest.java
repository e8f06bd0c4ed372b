package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Timings;
import io.tlsweep.testing.PlantedJson;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSetTest {
    @TempDir
    Path dir;

    @Test
    void summaryCountsVerdictsStatusesVersionsFindingsAndFailures() throws IOException {
        ReportSet.write(dir, Hostile.results(), Latency.none(), Hostile.RUN);
        SchemaCheck.assertValid(dir);
        JsonNode s = new ObjectMapper().readTree(dir.resolve(ReportSet.SUMMARY).toFile());

        assertThat(s.get("schema").asText()).isEqualTo(SummaryJson.SCHEMA);
        assertThat(s.at("/run/started").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(s.at("/run/durationMs").asLong()).isEqualTo(83_000);
        assertThat(s.at("/run/commandLine").asText()).endsWith(Hostile.SCRIPT);
        assertThat(s.at("/totals/endpoints").asLong()).isEqualTo(8);
        assertThat(s.at("/totals/connections").asLong()).isEqualTo(8 * 7);
        assertThat(s.at("/totals/elapsedMs").asLong()).isEqualTo(8 * 120);
        assertThat(s.at("/verdicts/breaks-without-legacy").asLong()).isEqualTo(2);
        assertThat(s.at("/verdicts/legacy-enabled").asLong()).isEqualTo(1);
        assertThat(s.at("/verdicts/ready").asLong()).isEqualTo(3);
        assertThat(s.at("/verdicts/unreachable").asLong()).isEqualTo(1);
        assertThat(s.at("/verdicts/not-tls").asLong()).isEqualTo(1);
        assertThat(s.at("/verdicts/no-common-algorithm-risk").asLong()).isZero();
        assertThat(s.at("/statuses/ok").asLong()).isEqualTo(6);
        assertThat(s.at("/statuses/rejected").asLong()).isEqualTo(1);
        assertThat(s.at("/statuses/error").asLong()).isZero();
        assertThat(s.at("/versions/SSLv3").asLong()).isZero();
        assertThat(s.at("/versions/TLSv1.0").asLong()).isEqualTo(3);
        assertThat(s.at("/versions/TLSv1.2").asLong()).isEqualTo(4);
        assertThat(s.at("/versions/TLSv1.3").asLong()).isEqualTo(3);
        assertThat(s.at("/findings/cbc-tls10-beast").asLong()).isEqualTo(2);
        assertThat(s.at("/findings/rc4").asLong()).isEqualTo(1);
        assertThat(s.at("/findings/3des-sweet32").asLong()).isEqualTo(1);
        assertThat(s.at("/findings/md5").asLong()).isZero();
        assertThat(s.at("/failures/alert").asLong()).isEqualTo(1);
        assertThat(s.at("/failures/not-tls").asLong()).isEqualTo(1);
        assertThat(s.at("/failures/connect-refused").asLong()).isZero();
        assertThat(s.get("latency").size()).isZero();
        assertThat(s.get("latencyUnit").asText()).isEqualTo("microseconds");
    }

    @Test
    @PlantedJson("results.jsonl") // a line that does not parse, appended on purpose
    void rebuildFromJsonLinesWithTheLogBesideItWritesAllFourFiles() throws IOException {
        Path jsonl = dir.resolve("results.jsonl");
        try (JsonLinesWriter w = new JsonLinesWriter(Files.newOutputStream(jsonl))) {
            Hostile.results().forEach(w::write);
        }
        Files.writeString(jsonl, "{not json\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path hlog = dir.resolve("results.hlog");
        ScanMetrics metrics = new ScanMetrics();
        for (int i = 1; i <= 100; i++) {
            metrics.record(ProtocolVersion.TLSv1_2, new ConnectionOutcome.Replied(
                    new ServerResponse.Alert(2, AlertDescription.PROTOCOL_VERSION, true),
                    new Timings(i * 10_000L, i * 20_000L, i * 30_000L)));
        }
        try (OutputStream out = Files.newOutputStream(hlog)) {
            metrics.writeLog(out);
        }
        List<String> errors = new ArrayList<>();
        Path out = dir.resolve("reports");

        Tally t = ReportSet.rebuild(jsonl, hlog, out, Hostile.RUN, errors::add);

        assertThat(errors).singleElement().asString().contains("results.jsonl:9");
        assertThat(t.endpoints()).isEqualTo(8);
        assertThat(out.resolve(ReportSet.SUMMARY)).exists();
        assertThat(CsvReportTest.readBack(Files.readString(out.resolve(ReportSet.ENDPOINTS)))).hasSize(8);
        assertThat(CsvReportTest.readBack(Files.readString(out.resolve(ReportSet.SUITES)))).hasSize(2 + 2 + 3 + 3 * 3);
        JsonNode s = new ObjectMapper().readTree(out.resolve(ReportSet.SUMMARY).toFile());
        assertThat(s.at("/latency/first-reply~1TLSv1.2~1alert/p50").asLong()).isEqualTo(1000);
        assertThat(s.at("/latency/connect~1TLSv1.2~1alert/max").asLong()).isEqualTo(1000);
        String html = Files.readString(out.resolve(ReportSet.HTML));
        assertThat(html).contains("id=\"latency-first-reply/TLSv1.2/alert\"").doesNotContain("latency-none");
        // the rebuilt CBOM: the endpoints with protocols (the unreachable one and the not-TLS one have none)
        byte[] cbom = Files.readAllBytes(out.resolve(ReportSet.CBOM));
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(cbom, org.cyclonedx.Version.VERSION_16)).isEmpty();
        assertThat(new ObjectMapper().readTree(cbom).get("services")).hasSize(6);
    }

    /**
     * Fuzzing found that a latency.hlog that is not a histogram log (here a payload that is not base64) made
     * HdrHistogram throw out of the report: now the reports are written without latency and the error names
     * the file.
     */
    @Test
    void aLatencyLogThatIsNotOneLeavesLatencyOutAndSaysSo() throws IOException {
        Path jsonl = dir.resolve("results.jsonl");
        try (JsonLinesWriter w = new JsonLinesWriter(Files.newOutputStream(jsonl))) {
            Hostile.results().forEach(w::write);
        }
        Path hlog = dir.resolve("latency.hlog");
        Files.writeString(hlog, "Tag=connect/TLSv1.2/hello,0.000,1.000,2.000,HISTF!!!not-base64\n");
        List<String> errors = new ArrayList<>();

        Tally t = ReportSet.rebuild(jsonl, hlog, dir.resolve("reports"), Hostile.RUN, errors::add);

        assertThat(t.endpoints()).isEqualTo(8);
        assertThat(errors).singleElement().asString().startsWith(hlog + ": not a histogram log")
                .endsWith("the reports leave latency out");
        assertThat(Files.readString(dir.resolve("reports").resolve(ReportSet.HTML))).contains("latency-none");
    }

    @Test
    void htmlListsAreCappedWithAndNMoreWhileCountsAndCsvStayComplete() throws IOException {
        List<ResultJson> many = IntStream.range(0, 1200).mapToObj(i -> Results.breaks("h" + i + ".example:443"))
                .toList();
        try (ReportSet reports = ReportSet.open(dir, 50)) {
            many.forEach(reports);
            reports.finish(Latency.none(), Hostile.RUN);
        }
        String html = Files.readString(dir.resolve(ReportSet.HTML));
        assertThat(HtmlReportTest.count(html, "breaks-without-legacy")).isEqualTo(1200);
        assertThat(html).contains("and 1150 more endpoints that break").contains("h49.example:443")
                .doesNotContain("h50.example:443").contains("and " + (1200 - Tally.NAMES_CAP) + " more");
        assertThat(CsvReportTest.readBack(Files.readString(dir.resolve(ReportSet.ENDPOINTS)))).hasSize(1200);
    }
}
