package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tlsweep.analysis.LegacyUse;
import io.tlsweep.evidence.ClientIdentity;
import io.tlsweep.evidence.ClientMatch;
import io.tlsweep.evidence.ClientUse;
import io.tlsweep.evidence.EndpointEvidence;
import io.tlsweep.evidence.EvidenceEndpoint;
import io.tlsweep.evidence.EvidenceSummary;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ReportSet;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.Results;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.drift.Change;
import io.tlsweep.report.drift.DriftClass;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence joined with a finished run: each scanned line gets its {@code evidence}, the reports show the legacy
 * endpoints in use (with their clients) and the safe switch-offs first, and drift tells legacy clients that come
 * and go.
 */
class EvidenceAttachTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    private static ResultJson legacyAt(String host, int port) {
        return Results.endpoint(host + ":" + port).port(port).verdict("legacy-enabled")
                .reason("TLS 1.2+ works, but TLSv1.0 still accepted").protocol("TLSv1.0", "server", Results.CBC)
                .protocol("TLSv1.2", "server", Results.GCM).build();
    }

    private static ClientUse use(String client, ProtocolVersion v, long n, ClientIdentity id) {
        return new ClientUse(client, v, n, 0, Optional.of(T), Optional.of(T.plusSeconds(3600)), List.of("curl/7.88"),
                Map.of("ECDHE-RSA-AES128-SHA", n), id, List.of("nginx"));
    }

    private static EvidenceSummary evidence(ClientUse... usedAt4443) {
        List<EndpointEvidence> endpoints = new ArrayList<>();
        endpoints.add(new EndpointEvidence(new EvidenceEndpoint(Optional.of("192.0.2.10"), OptionalInt.of(4443),
                Optional.empty()), List.of(usedAt4443)));
        endpoints.add(new EndpointEvidence(new EvidenceEndpoint(Optional.of("192.0.2.10"), OptionalInt.of(5443),
                Optional.empty()), List.of(use("10.1.1.9", ProtocolVersion.TLSv1_3, 40, ClientIdentity.UNKNOWN))));
        return new EvidenceSummary(List.of("access.log"), 50, 0, List.of(), Optional.of(T),
                Optional.of(T.plusSeconds(3600)), endpoints, List.of());
    }

    private static Path run(Path dir, String... extra) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream raw = Files.newOutputStream(dir.resolve(ScanRun.RESULTS));
                JsonLinesWriter out = new JsonLinesWriter(raw)) {
            out.write(legacyAt("192.0.2.10", 4443));
            out.write(legacyAt("192.0.2.10", 5443));
            out.write(legacyAt("192.0.2.10", 6443));
            out.write(Results.endpoint("192.0.2.10:7443").port(7443).protocol("TLSv1.2", "server", Results.GCM)
                    .protocol("TLSv1.3", "server", Results.AES13).build());
            out.write(Results.endpoint("192.0.2.10:8443").port(8443).status("unreachable").verdict("unreachable")
                    .withoutProtocols().build());
        }
        for (String line : extra) {
            Files.writeString(dir.resolve(ScanRun.RESULTS), line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return dir;
    }

    private static List<JsonNode> lines(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve(ScanRun.RESULTS))) {
            out.add(json.readTree(l));
        }
        return out;
    }

    private static void rebuild(Path dir) throws IOException {
        RunReports.rebuild(dir, new RunInfo(T, Duration.ofSeconds(1), "test", "tlsweep evidence"), Optional.empty(),
                e -> { });
    }

    @Test
    void eachScannedLineGetsItsVerdictAndTheReportsShowThemFirst(@TempDir Path tmp) throws IOException {
        ClientIdentity java7 = new ClientIdentity(Optional.of("t10d140900_aaaaaaaaaaaa_bbbbbbbbbbbb"),
                Optional.of(new ClientMatch("java7", "Java 7 (7u25, SunJSSE defaults)", 0)));
        Path dir = run(tmp.resolve("run"), "not json at all");
        List<String> errors = new ArrayList<>();
        Map<LegacyUse.Verdict, Long> counts = EvidenceAttach.attach(dir, evidence(
                use("10.1.1.5", ProtocolVersion.TLSv1_0, 3, java7),
                use("10.1.1.6", ProtocolVersion.TLSv1_2, 9, ClientIdentity.UNKNOWN)), errors::add);
        assertThat(counts).containsEntry(LegacyUse.Verdict.IN_USE, 1L).containsEntry(LegacyUse.Verdict.UNUSED, 1L)
                .containsEntry(LegacyUse.Verdict.NO_EVIDENCE, 1L).containsEntry(LegacyUse.Verdict.NO_LEGACY, 1L);
        assertThat(errors).singleElement().asString().contains(":6: not a result line");

        List<JsonNode> lines = lines(dir);
        assertThat(lines).hasSize(5);
        JsonNode inUse = lines.get(0).get("evidence");
        assertThat(inUse.get("verdict").asText()).isEqualTo("legacy-in-use");
        assertThat(inUse.get("clients").get(0).get("client").asText()).isEqualTo("10.1.1.5");
        assertThat(inUse.get("clients").get(0).get("looksLike").asText()).isEqualTo("Java 7 (7u25, SunJSSE defaults)");
        assertThat(inUse.get("clients").get(0).get("ja4").asText()).startsWith("t10d");
        assertThat(lines.get(1).get("evidence").get("verdict").asText()).isEqualTo("legacy-unused");
        assertThat(lines.get(2).get("evidence").get("verdict").asText()).isEqualTo("no-evidence");
        assertThat(lines.get(3).get("evidence").get("verdict").asText()).isEqualTo("no-legacy");
        assertThat(lines.get(4).has("evidence")).as("an unreachable endpoint gets none").isFalse();

        rebuild(dir);
        Map<String, Map<String, String>> csv = new java.util.HashMap<>();
        csv(dir.resolve(ReportSet.ENDPOINTS)).forEach(row -> csv.put(row.get("target"), row));
        assertThat(csv.get("192.0.2.10:4443")).containsEntry("legacyUse", "legacy-in-use").containsEntry("legacyClients", "1")
                .containsEntry("legacyClientList", "10.1.1.5 TLSv1.0");
        assertThat(csv.get("192.0.2.10:5443")).containsEntry("legacyUse", "legacy-unused").containsEntry("legacyClientList", "");
        assertThat(csv.get("192.0.2.10:7443")).containsEntry("legacyUse", "no-legacy");
        String html = Files.readString(dir.resolve(ReportSet.HTML));
        int inUseAt = html.indexOf("id=\"legacy-in-use\"");
        int unusedAt = html.indexOf("id=\"legacy-unused\"");
        assertThat(inUseAt).isPositive().isLessThan(unusedAt);
        assertThat(unusedAt).isLessThan(html.indexOf("<h2>Verdicts</h2>"));
        assertThat(html.substring(inUseAt, unusedAt)).contains("192.0.2.10:4443")
                .contains("10.1.1.5 TLSv1.0 (3 handshakes").contains("looks like Java 7").doesNotContain(":5443");
        assertThat(html.substring(unusedAt, html.indexOf("<h2>Verdicts</h2>"))).contains("192.0.2.10:5443")
                .contains("safe to switch off").contains("1 endpoint(s) accept a legacy version and no evidence");
    }

    @Test
    void joiningAgainReplacesTheEvidenceAndDriftTellsClientsThatCameAndWent(@TempDir Path tmp) throws IOException {
        Path before = run(tmp.resolve("before"));
        EvidenceAttach.attach(before, evidence(use("10.1.1.5", ProtocolVersion.TLSv1_0, 3, ClientIdentity.UNKNOWN)),
                e -> { });
        Path after = run(tmp.resolve("after"));
        EvidenceAttach.attach(after, evidence(use("10.1.1.5", ProtocolVersion.TLSv1_0, 3, ClientIdentity.UNKNOWN)),
                e -> { });
        EvidenceAttach.attach(after, evidence(use("10.1.1.7", ProtocolVersion.TLSv1_1, 1, ClientIdentity.UNKNOWN)),
                e -> { });
        assertThat(lines(after).get(0).get("evidence").get("clients")).hasSize(1);
        List<Change> changes = RunDrift.between(before.resolve(ScanRun.RESULTS), after.resolve(ScanRun.RESULTS),
                e -> { }).changes();
        assertThat(changes).extracting(c -> c.driftClass() + " " + c.detail()).containsExactlyInAnyOrder(
                DriftClass.LEGACY_CLIENT_APPEARED + " legacy client 10.1.1.7 TLSv1.1 appeared",
                DriftClass.LEGACY_CLIENT_GONE + " legacy client 10.1.1.5 TLSv1.0 gone");
    }

    @Test
    void aDirectoryWithoutResultsIsRefused(@TempDir Path tmp) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EvidenceAttach.attach(tmp, evidence(), e -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("not a run directory");
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return rows.readAll();
        }
    }
}
