package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.evidence.NginxLog;
import io.tlsweep.testing.AccessLoggingServers;
import io.tlsweep.testing.AccessLoggingServers.Listener;
import io.tlsweep.testing.ForegroundDaemon;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.OpenSslServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a run over real servers of different stacks, as headless Chromium renders and prints it: Debian's
 * nginx with TLS 1.0 to 1.3 on a web port (told by its Server header), {@code openssl s_server} with TLS 1.0 alone,
 * {@code gnutls-serv} with TLS 1.2 and only RC4 and 3DES, {@code gnutls-serv} with TLS 1.2 and 1.3 and a
 * self-signed certificate, and a closed port. All on loopback, started and stopped here. The PNG and the PDF are
 * kept in {@code target/report-mixed/}.
 */
class ReportMixedServersChromiumTest {
    @TempDir
    static Path dir;
    private static final Map<String, JsonNode> BY_ROLE = new HashMap<>();
    private static RenderedReport report;

    @BeforeAll
    static void scanAndRender() throws Exception {
        OpenSslServer.require();
        String address = WebServerRun.address();
        Path run = dir.resolve("run");
        Map<String, String> roles = new HashMap<>();
        CliRun scan;
        try (ForegroundDaemon nginx = AccessLoggingServers.nginx(NginxLog.LOG_FORMAT, dir.resolve("access.log"),
                List.of(WebServerRun.listener(address)), new Listener(address, ForegroundDaemon.freePort()));
                OpenSslServer tls10 = OpenSslServer.startAt(address, ForegroundDaemon.freePort(),
                        OpenSslServer.Key.RSA, "-tls1", "-cipher", "AES128-SHA:ECDHE-RSA-AES256-SHA:@SECLEVEL=0");
                GnutlsServer legacySuites = GnutlsServer.start("NONE:+VERS-TLS1.2:+RSA:+ARCFOUR-128:+3DES-CBC"
                        + ":+SHA1:+COMP-NULL:+SIGN-ALL:+CTYPE-X509");
                GnutlsServer modern = GnutlsServer.start("NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.3")) {
            int closed = ForegroundDaemon.freePort();
            roles.put(address + ":" + WebServerRun.WEB_PORT, "nginx");
            roles.put(address + ":" + tls10.port(), "tls10");
            roles.put("127.0.0.1:" + legacySuites.port(), "rc4-3des");
            roles.put("127.0.0.1:" + modern.port(), "modern");
            roles.put(address + ":" + closed, "closed");
            List<String> args = new java.util.ArrayList<>(List.of("scan", "-q", "--read-timeout", "5000", "-o",
                    run.toString()));
            args.addAll(roles.keySet());
            scan = CliRun.tlsweep(args.toArray(String[]::new));
        }
        assertThat(scan.exit()).as(scan.err()).isIn(0, 1);
        report = RenderedReport.of(run, "report-mixed", dir);
        for (JsonNode line : report.lines) {
            BY_ROLE.put(roles.get(line.get("target").asText()), line);
        }
        assertThat(BY_ROLE).containsOnlyKeys("nginx", "tls10", "rc4-3des", "modern", "closed");
    }

    @Test
    void eachServerGetsItsVerdict() {
        assertThat(BY_ROLE.get("nginx").get("verdict").asText()).isEqualTo("legacy-enabled");
        assertThat(BY_ROLE.get("tls10").get("verdict").asText()).isEqualTo("breaks-without-legacy");
        assertThat(BY_ROLE.get("rc4-3des").get("verdict").asText()).isEqualTo("no-common-algorithm-risk");
        assertThat(BY_ROLE.get("modern").get("verdict").asText()).isEqualTo("ready");
        assertThat(BY_ROLE.get("closed").get("failure").asText()).isEqualTo("connect-refused");
    }

    @Test
    void eachClientSaysOneThingPerEndpoint() {
        report.assertOneMessagePerEndpointAndClient();
        // the RC4/3DES server: the reason names who fails and who connects, from the predictions
        String reason = BY_ROLE.get("rc4-3des").get("reason").asText();
        assertThat(reason).contains("fails today: ").contains("connects today: ")
                .contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA").doesNotContain("strong-crypto clients no longer offer");
    }

    @Test
    void certificateProblemsAreMarkedBesideTheVerdict() {
        report.assertCertificateMarks();
    }

    @Test
    void nextStepsSayWhatToChangeAndWhere() {
        report.assertNextSteps();
        JsonNode nginx = BY_ROLE.get("nginx").get("nextSteps").get(0);
        assertThat(nginx.get("where").asText()).startsWith("ssl_protocols TLSv1.2 TLSv1.3;");
        assertThat(BY_ROLE.get("tls10").get("nextSteps").get(0).get("step").asText()).startsWith("enable TLS 1.2");
    }

    @Test
    void theMatrixFitsTheWindowAndThePrintedPage() {
        report.assertMatrixFits();
    }
}
