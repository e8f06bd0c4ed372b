package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.report.EvidenceJson;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.Results;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's {@code evidence:} section: checked with the file, read with its globs, joined with the run. */
class SweepEvidenceTest {
    private static final String TARGETS = "targets: [t.txt]\noutput: out\n";

    /** An nginx line (tlsweep's log_format) of one handshake at {@code version} to 192.0.2.10:{@code port}. */
    private static String nginx(String client, int port, String version) {
        return "2026-11-20T10:00:00+00:00 " + client + " 192.0.2.10 " + port + " \"-\" " + version
                + " ECDHE-RSA-AES128-SHA \"GET / HTTP/1.1\" 200 \"curl/7.88\" \"-\" \"-\"\n";
    }

    @Test
    void theSectionIsReadAndItsValuesCheckedWithTheFile() throws Exception {
        Path file = Path.of("sweep.yaml");
        SweepConfig c = SweepConfig.parse(TARGETS + "evidence:\n  files: [logs/access.log*]\n  format: nginx\n"
                + "  endpoint: 192.0.2.10:443\n  since: 30d\n", file);
        assertThat(c.evidence().files()).containsExactly("logs/access.log*");
        assertThat(c.evidence().format()).isEqualTo("nginx");
        assertThatThrownBy(() -> SweepConfig.parse(TARGETS + "evidence: {files: [a.log], format: squid}\n", file))
                .hasMessageContaining("sweep.yaml: evidence.format: unknown format 'squid'");
        assertThatThrownBy(() -> SweepConfig.parse(TARGETS + "evidence: {files: [a.log], since: lately}\n", file))
                .hasMessageContaining("evidence: 'lately' is not a duration");
        assertThatThrownBy(() -> SweepConfig.parse(TARGETS + "evidence: {files: [a.log], endpoint: mx1}\n", file))
                .hasMessageContaining("evidence: 'mx1' is not HOST:PORT");
        assertThatThrownBy(() -> SweepConfig.parse(TARGETS + "evidence: {files: ['-']}\n", file))
                .hasMessageContaining("evidence.files: '-' (standard input) is not for a sweep");
        assertThatThrownBy(() -> SweepConfig.parse(TARGETS + "evidence: {files: []}\n", file))
                .hasMessageContaining("evidence.files: at least one");
        assertThatThrownBy(() -> SweepConfig.parse(TARGETS + "evidence: {files: [a.log], window: 3d}\n", file))
                .hasMessageContaining("window");
    }

    @Test
    void rotatedLogsAreMatchedByTheirGlobAndJoinedWithTheRun(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("access.log"), nginx("10.1.1.2", 4443, "TLSv1.2"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(nginx("10.1.1.5", 4443, "TLSv1").getBytes(StandardCharsets.UTF_8));
            z.write(nginx("10.1.1.6", 5443, "TLSv1.3").getBytes(StandardCharsets.UTF_8));
        }
        Files.write(logs.resolve("access.log.1.gz"), gz.toByteArray());
        Files.writeString(logs.resolve("error.log"), "not evidence\n");
        Path config = tmp.resolve("sweep.yaml");
        SweepConfig c = SweepConfig.parse(TARGETS + "evidence: {files: [logs/access.log*, logs/gone*]}\n", config);
        Path run = Files.createDirectories(tmp.resolve("run"));
        try (OutputStream raw = Files.newOutputStream(run.resolve(ScanRun.RESULTS));
                JsonLinesWriter out = new JsonLinesWriter(raw)) {
            for (int port : new int[] {4443, 5443}) {
                out.write(Results.endpoint("192.0.2.10:" + port).port(port).verdict("legacy-enabled")
                        .protocol("TLSv1.0", "server", Results.CBC).protocol("TLSv1.2", "server", Results.GCM)
                        .build());
            }
        }
        List<String> notes = new ArrayList<>();
        long problems = c.evidence().join(c, config, run, notes::add);
        assertThat(problems).as(String.join("\n", notes)).isEqualTo(1);
        assertThat(notes).anySatisfy(n -> assertThat(n).isEqualTo("evidence: nothing matches logs/gone*"));
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("evidence: 3 handshake(s) from 2 input(s): 1"
                + " endpoint(s) legacy-in-use, 1 legacy-unused"));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve(ScanRun.RESULTS))) {
            lines.add(json.readTree(l));
        }
        assertThat(lines.get(0).at("/evidence/verdict").asText()).isEqualTo("legacy-in-use");
        assertThat(lines.get(0).at("/evidence/clients/0/client").asText()).isEqualTo("10.1.1.5");
        assertThat(lines.get(1).at("/evidence/verdict").asText()).isEqualTo("legacy-unused");
        assertThat(json.readTree(run.resolve(EvidenceJson.FILE).toFile()).get("observations").asLong()).isEqualTo(3);
    }

    @Test
    void aGlobMatchesFilesOfItsDirectoryOnlyInOrder(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("b.log"), "");
        Files.writeString(tmp.resolve("a.log"), "");
        Files.createDirectories(tmp.resolve("c.log"));
        assertThat(SweepEvidence.expand(tmp.resolve("*.log"))).containsExactly(tmp.resolve("a.log").toString(),
                tmp.resolve("b.log").toString());
        assertThat(SweepEvidence.expand(tmp.resolve("x.log"))).containsExactly(tmp.resolve("x.log").toString());
        assertThat(SweepEvidence.expand(tmp.resolve("none/*.log"))).isEmpty();
    }
}
