package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.testing.ForegroundDaemon;
import io.tlsweep.testing.MariadbServer;
import io.tlsweep.testing.SelfSignedKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep scan} through MySQL's SSL request against a real MariaDB (Debian's mariadb-server, a fresh data dir
 * from {@code mariadb-install-db}) that the test runs on 127.0.0.1 with a free port (the target line says
 * {@code starttls=mysql}): TLS 1.2 and 1.3 ({@code --tls-version}) and one TLS 1.3 suite with two ECDHE-RSA AES-GCM
 * suites for TLS 1.2 (MariaDB's {@code --ssl-cipher} takes both kinds in one list). The scan reports exactly those
 * versions and suites, the certificate the test made and the greeting's facts in the prelude; {@code openssl
 * s_client -starttls mysql} completes handshakes, with its own choice and with TLS 1.2, on suites the scan found.
 */
class MariadbSslTest {
    private static final Map<String, Set<String>> EXPECTED = RealServerScan.expect(Map.of(
            "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            "TLSv1.3", List.of("TLS_AES_128_GCM_SHA256")));

    private static SelfSignedKey key;
    private static ForegroundDaemon mariadb;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMariadb() throws Exception {
        key = SelfSignedKey.rsa2048();
        mariadb = MariadbServer.start(key, List.of("--tls-version=TLSv1.2,TLSv1.3",
                "--ssl-cipher=TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256"));
    }

    @AfterAll
    static void stopMariadb() throws InterruptedException {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void theScanFindsExactlyTheConfiguredVersionsAndSuitesThroughTheSslRequest() throws Exception {
        String target = "127.0.0.1:" + mariadb.port() + " starttls=mysql";

        JsonNode line = RealServerScan.scan(dir, List.of(target), mariadb.logs()).get(target);

        assertThat(line.get("status").asText()).as(line + mariadb.logs()).isEqualTo("ok");
        assertThat(RealServerScan.suitesByVersion(line)).isEqualTo(EXPECTED);
        RealServerScan.assertCertificate(line, key);
        assertThat(line.get("confirmation").get("outcome").asText()).isEqualTo("agreed");
        JsonNode prelude = line.get("prelude");
        assertThat(prelude.get("protocol").asText()).isEqualTo("mysql");
        assertThat(prelude.get("protocol-version").asInt()).isEqualTo(10);
        assertThat(prelude.get("server-version").asText()).startsWith("5.5.5-").contains("-MariaDB");
        assertThat(prelude.get("starttls-offered").asBoolean()).isTrue();
        assertThat(Long.decode(prelude.get("capabilities").asText()) & 0x0800).as("CLIENT_SSL").isEqualTo(0x0800);
        assertThat(RealServerScan.findings(line, "service-without-tls")).isEmpty();
    }

    @Test
    void opensslsClientCompletesSslRequestHandshakesWithSuitesTheScanFound() throws Exception {
        assertThat(RealServerScan.assertSClientAgrees("mysql", "127.0.0.1", mariadb.port(), EXPECTED))
                .isEqualTo("TLSv1.3 TLS_AES_128_GCM_SHA256");
        assertThat(RealServerScan.assertSClientAgrees("mysql", "127.0.0.1", mariadb.port(), EXPECTED, "-tls1_2"))
                .startsWith("TLSv1.2 ");
    }
}
