package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
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
 * A real nginx (Debian's) with TLS 1.0 and 1.1 still on ({@code ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3}) and
 * {@code server_tokens} left on, as Debian ships it, on a web port: tlsweep says legacy-enabled, its http-auth check
 * keeps the answer's {@code Server: nginx/...}, and the next step, switch off TLSv1.0, TLSv1.1, says where nginx sets
 * it ({@code ssl_protocols}), how the software was told, and nginx's documentation as its source, in the line,
 * endpoints.csv, the text report and report.html.
 */
class NextStepsNginxTest {

    @Test
    void aRealNginxWithTls10OnGetsTheStepToSwitchItOffInSslProtocols(@TempDir Path tmp) throws Exception {
        String address = WebServerRun.address();
        Path run = tmp.resolve("run");
        CliRun scan;
        try (ForegroundDaemon nginx = AccessLoggingServers.nginx(NginxLog.LOG_FORMAT, tmp.resolve("access.log"),
                List.of(WebServerRun.listener(address)), new Listener(address, ForegroundDaemon.freePort()))) {
            scan = WebServerRun.scan(address, run);
        }
        assertThat(scan.exit()).as(scan.err()).isIn(0, 1);
        JsonNode line = WebServerRun.line(run);
        String server = line.at("/checks/http-auth/part/server").asText();
        assertThat(server).matches("nginx/\\d+\\.\\d+\\.\\d+");
        assertThat(line.at("/checks/http-auth/part/answers/0/server").asText()).isEqualTo(server);
        JsonNode step = line.get("nextSteps").get(0);
        assertThat(step.get("step").asText()).isEqualTo("switch off TLSv1.0, TLSv1.1");
        assertThat(step.get("where").asText()).isEqualTo("ssl_protocols TLSv1.2 TLSv1.3; in the http or server block"
                + " (the HTTP Server header says " + server + ": the server answering HTTP, which may be a proxy in"
                + " front)");
        assertThat(step.get("source").asText()).isEqualTo(
                "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols");
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(run.resolve("endpoints.csv").toFile())) {
            assertThat(rows.readAll().get(0).get("nextStep")).startsWith("switch off TLSv1.0, TLSv1.1 — where:"
                    + " ssl_protocols TLSv1.2 TLSv1.3;");
        }
        String target = address + ":" + WebServerRun.WEB_PORT;
        assertThat(scan.out()).contains("next steps (1 endpoint(s)")
                .contains("  " + target + ": switch off TLSv1.0, TLSv1.1 — where: ssl_protocols TLSv1.2 TLSv1.3;");
        String html = Files.readString(run.resolve("report.html"));
        assertThat(html.substring(html.indexOf("<table id=\"what-to-do\">"))).contains(">" + target
                + "</td><td>legacy-enabled</td><td>switch off TLSv1.0, TLSv1.1</td><td>ssl_protocols")
                .contains("<a href=\"https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols\">");
    }
}
