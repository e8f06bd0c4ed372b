package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.testing.ForegroundDaemon;
import io.tlsweep.testing.PostgresServer;
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
 * {@code tlsweep scan} through PostgreSQL's SSLRequest against a real PostgreSQL (Debian's package, a fresh cluster
 * from {@code initdb}) that the test runs on 127.0.0.1 with a free port (the target line says
 * {@code starttls=postgres}): TLS 1.2 and 1.3 ({@code ssl_min_protocol_version}, {@code ssl_max_protocol_version}),
 * two ECDHE-RSA suites for TLS 1.2 ({@code ssl_ciphers}) and OpenSSL's three default TLS 1.3 suites (PostgreSQL has
 * no setting for those). The scan reports exactly those versions and suites, the server's order, the certificate
 * the test made and the {@code S} answer in the prelude; {@code openssl s_client -starttls postgres} completes
 * handshakes, with its own choice and with TLS 1.2, on suites the scan found.
 */
class PostgresSslRequestTest {
    private static final Map<String, Set<String>> EXPECTED = RealServerScan.expect(Map.of(
            "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            "TLSv1.3", List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256")));

    private static SelfSignedKey key;
    private static ForegroundDaemon postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        key = SelfSignedKey.rsa2048();
        postgres = PostgresServer.start(key, List.of("ssl_min_protocol_version=TLSv1.2",
                "ssl_max_protocol_version=TLSv1.3",
                "ssl_ciphers=ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305"));
    }

    @AfterAll
    static void stopPostgres() throws InterruptedException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theScanFindsExactlyTheConfiguredVersionsAndSuitesThroughSslRequest() throws Exception {
        String target = "127.0.0.1:" + postgres.port() + " starttls=postgres";

        JsonNode line = RealServerScan.scan(dir, List.of(target), postgres.logs()).get(target);

        assertThat(line.get("status").asText()).as(line + postgres.logs()).isEqualTo("ok");
        assertThat(RealServerScan.suitesByVersion(line)).isEqualTo(EXPECTED);
        JsonNode tls12 = line.get("protocols").get(0);
        assertThat(tls12.get("version").asText()).isEqualTo("TLSv1.2");
        assertThat(tls12.get("order").asText()).as("ssl_prefer_server_ciphers = on (the default)")
                .isEqualTo("server");
        assertThat(tls12.get("cipherSuites").findValuesAsText("name")).as("ssl_ciphers' order").containsExactly(
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        RealServerScan.assertCertificate(line, key);
        assertThat(line.get("confirmation").get("outcome").asText()).isEqualTo("agreed");
        JsonNode prelude = line.get("prelude");
        assertThat(prelude.get("protocol").asText()).isEqualTo("postgres");
        assertThat(prelude.get("answer").asText()).isEqualTo("S");
        assertThat(prelude.get("starttls-offered").asBoolean()).isTrue();
        assertThat(RealServerScan.findings(line, "service-without-tls")).isEmpty();
    }

    @Test
    void opensslsClientCompletesSslRequestHandshakesWithSuitesTheScanFound() throws Exception {
        assertThat(RealServerScan.assertSClientAgrees("postgres", "127.0.0.1", postgres.port(), EXPECTED))
                .startsWith("TLSv1.3 ");
        assertThat(RealServerScan.assertSClientAgrees("postgres", "127.0.0.1", postgres.port(), EXPECTED, "-tls1_2"))
                .startsWith("TLSv1.2 ");
    }
}
