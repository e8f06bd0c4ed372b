package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tlsweep.evidence.NginxLog;
import io.tlsweep.testing.AccessLoggingServers;
import io.tlsweep.testing.AccessLoggingServers.Listener;
import io.tlsweep.testing.ForegroundDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join, end to end on real servers: a real nginx (Debian's) serves two endpoints that both accept TLS
 * 1.0. A real TLS 1.0 client ({@code openssl s_client -tls1}) uses one; only TLS 1.2 and 1.3 clients use the other.
 * tlsweep scans both, then {@code tlsweep evidence ACCESS_LOG --scan RUN} joins nginx's own log with the run: the
 * first endpoint is legacy-in-use, naming that client, the second legacy-unused, in the JSON lines, endpoints.csv
 * and report.html.
 */
class EvidenceJoinNginxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneLegacyEndpointInUseAndOneUnused(@TempDir Path tmp) throws Exception {
        int used = ForegroundDaemon.freePort();
        int unused = ForegroundDaemon.freePort();
        Path log = tmp.resolve("access.log");
        Path run = tmp.resolve("run");
        try (ForegroundDaemon nginx = AccessLoggingServers.nginx(NginxLog.LOG_FORMAT, log,
                List.of(new Listener("127.0.0.1", used), new Listener("127.0.0.1", unused)),
                new Listener("127.0.0.1", ForegroundDaemon.freePort()))) {
            CliRun scan = CliRun.tlsweep("scan", "127.0.0.1:" + used, "127.0.0.1:" + unused, "-o", run.toString(),
                    "--no-profiles", "--no-checks");
            assertThat(scan.exit()).as(scan.err()).isIn(0, 1);
            sClient(used, "-tls1", "/legacy-client");
            sClient(unused, "-tls1_2", "/modern-client");
            sClient(unused, "-tls1_3", "/modern-client");
        }
        CliRun evidence = CliRun.tlsweep("evidence", log.toString(), "--scan", run.toString(), "-o",
                tmp.resolve("evidence").toString());
        assertThat(evidence.exit()).as(evidence.out() + evidence.err()).isZero();

        Map<Integer, JsonNode> lines = new HashMap<>();
        for (String l : Files.readAllLines(run.resolve("results.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            lines.put(n.get("port").asInt(), n);
        }
        JsonNode inUse = lines.get(used).get("evidence");
        assertThat(inUse.get("verdict").asText()).isEqualTo("legacy-in-use");
        assertThat(inUse.get("legacyAccepted").toString()).contains("TLSv1.0");
        assertThat(inUse.get("clients")).hasSize(1);
        assertThat(inUse.get("clients").get(0).get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(inUse.get("clients").get(0).get("version").asText()).isEqualTo("TLSv1.0");
        JsonNode notUsed = lines.get(unused).get("evidence");
        assertThat(notUsed.get("verdict").asText()).isEqualTo("legacy-unused");
        assertThat(notUsed.get("handshakes").asLong()).isEqualTo(2);
        assertThat(notUsed.get("summary").asText()).endsWith("safe to switch off");

        Map<String, Map<String, String>> csv = new HashMap<>();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(run.resolve("endpoints.csv").toFile())) {
            rows.readAll().forEach(r -> csv.put(r.get("port"), r));
        }
        assertThat(csv.get(String.valueOf(used))).containsEntry("legacyUse", "legacy-in-use")
                .containsEntry("legacyClientList", "127.0.0.1 TLSv1.0");
        assertThat(csv.get(String.valueOf(unused))).containsEntry("legacyUse", "legacy-unused");
        String html = Files.readString(run.resolve("report.html"));
        int inUseAt = html.indexOf("id=\"legacy-in-use\"");
        int unusedAt = html.indexOf("id=\"legacy-unused\"");
        assertThat(inUseAt).isPositive().isLessThan(unusedAt);
        assertThat(html.substring(inUseAt, unusedAt)).contains("127.0.0.1:" + used)
                .contains("127.0.0.1 TLSv1.0 (1 handshake");
        assertThat(html.substring(unusedAt)).contains("127.0.0.1:" + unused);
    }

    /** One real handshake and request: {@code openssl s_client} at one version, asking for {@code path}. */
    private static void sClient(int port, String version, String path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, version, "-cipher",
                "DEFAULT:@SECLEVEL=0", "-quiet", "-ign_eof").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: s_client\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // it ended before taking the request: its output below says why
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("openssl s_client " + version + " to port " + port + " did not end in 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as("s_client " + version).contains("HTTP/1.1 204");
    }
}
