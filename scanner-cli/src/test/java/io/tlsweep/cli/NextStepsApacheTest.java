package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.evidence.ApacheLog;
import io.tlsweep.testing.AccessLoggingServers;
import io.tlsweep.testing.AccessLoggingServers.Listener;
import io.tlsweep.testing.ForegroundDaemon;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Apache httpd (Debian's, mod_ssl) with {@code SSLProtocol +TLSv1 +TLSv1.1 +TLSv1.2 +TLSv1.3} and
 * {@code ServerTokens} left at its default (Full) on a web port: the http-auth check keeps
 * {@code Server: Apache/... (Debian) OpenSSL/...}, and the next step says to switch TLS 1.0 and 1.1 off with
 * {@code SSLProtocol}, mod_ssl's documentation as its source.
 */
class NextStepsApacheTest {

    @Test
    void aRealApacheWithTls10OnGetsTheStepToSwitchItOffInSslProtocol(@TempDir Path tmp) throws Exception {
        String address = WebServerRun.address();
        Path run = tmp.resolve("run");
        CliRun scan;
        try (ForegroundDaemon apache = AccessLoggingServers.apache(ApacheLog.LOG_FORMAT, tmp.resolve("access.log"),
                List.of(WebServerRun.listener(address)), new Listener(address, ForegroundDaemon.freePort()))) {
            scan = WebServerRun.scan(address, run);
        }
        assertThat(scan.exit()).as(scan.err()).isIn(0, 1);
        JsonNode line = WebServerRun.line(run);
        String server = line.at("/checks/http-auth/part/server").asText();
        assertThat(server).matches("Apache/\\d+\\.\\d+\\.\\d+ \\(Debian\\) OpenSSL/\\d.*");
        JsonNode step = line.get("nextSteps").get(0);
        assertThat(step.get("step").asText()).isEqualTo("switch off TLSv1.0, TLSv1.1");
        assertThat(step.get("where").asText()).isEqualTo("SSLProtocol -all +TLSv1.2 +TLSv1.3 (the HTTP Server header"
                + " says " + server + ": the server answering HTTP, which may be a proxy in front)");
        assertThat(step.get("source").asText()).isEqualTo(
                "https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol");
        assertThat(scan.out()).contains("  " + address + ":" + WebServerRun.WEB_PORT + ": switch off TLSv1.0, TLSv1.1"
                + " — where: SSLProtocol -all +TLSv1.2 +TLSv1.3");
    }
}
