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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx (Debian's) with TLS 1.0 and 1.1 still on ({@code ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3}):
 * tlsweep says legacy-enabled and gives the next step, switch off TLSv1.0, TLSv1.1, in the line, endpoints.csv, the
 * text report and report.html. Nothing nginx says over TLS is kept by the scan on a port that is not a web port, so
 * the software is not identified: the step says where to look in general (nginx's ssl_protocols among the examples),
 * with no source, rather than guess.
 */
class NextStepsNginxTest {

    @Test
    void aRealNginxWithTls10OnGetsTheStepToSwitchItOff(@TempDir Path tmp) throws Exception {
        int port = ForegroundDaemon.freePort();
        Path run = tmp.resolve("run");
        CliRun scan;
        try (ForegroundDaemon nginx = AccessLoggingServers.nginx(NginxLog.LOG_FORMAT, tmp.resolve("access.log"),
                List.of(new Listener("127.0.0.1", port)), new Listener("127.0.0.1", ForegroundDaemon.freePort()))) {
            scan = CliRun.tlsweep("scan", "127.0.0.1:" + port, "-o", run.toString(), "--no-profiles", "--no-checks");
        }
        assertThat(scan.exit()).as(scan.err()).isIn(0, 1);
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(run.resolve("results.jsonl")).get(0));
        assertThat(line.get("verdict").asText()).isEqualTo("legacy-enabled");
        JsonNode step = line.get("nextSteps").get(0);
        assertThat(step.get("step").asText()).isEqualTo("switch off TLSv1.0, TLSv1.1");
        assertThat(step.get("where").asText()).startsWith("the server's TLS settings (software not identified; e.g."
                + " nginx ssl_protocols");
        assertThat(step.has("source")).as("no source for a software not identified").isFalse();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(run.resolve("endpoints.csv").toFile())) {
            assertThat(rows.readAll().get(0).get("nextStep")).startsWith("switch off TLSv1.0, TLSv1.1 — where: ");
        }
        assertThat(scan.out()).contains("next steps (1 endpoint(s)")
                .contains("  127.0.0.1:" + port + ": switch off TLSv1.0, TLSv1.1 — where: the server's TLS settings");
        String html = Files.readString(run.resolve("report.html"));
        assertThat(html.substring(html.indexOf("<table id=\"what-to-do\">"))).contains(">127.0.0.1:" + port
                + "</td><td>legacy-enabled</td><td>switch off TLSv1.0, TLSv1.1</td>");
    }
}
