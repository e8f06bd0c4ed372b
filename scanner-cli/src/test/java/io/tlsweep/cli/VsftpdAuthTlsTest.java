package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.testing.SelfSignedKey;
import io.tlsweep.testing.VsftpdServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep scan} through FTP's AUTH TLS against a real vsftpd 3.0.3 (Debian's package) that the test runs
 * on 127.0.0.1 with a free port: TLS 1.0–1.2 (vsftpd's {@code ssl_tlsv1=YES} with OpenSSL's {@code MinProtocol}
 * and {@code MaxProtocol}, see {@link VsftpdServer}) and three suites ({@code ssl_ciphers}, at {@code @SECLEVEL=0},
 * which OpenSSL 3 needs for TLS 1.0/1.1). The scan reports exactly those versions and suites with the certificate
 * the test made and the prelude; FTP advertises no login methods, so there is no plain-text-auth finding;
 * {@code openssl s_client -starttls ftp} completes a handshake with a suite the scan found.
 */
class VsftpdAuthTlsTest {
    private static final List<String> LEGACY_SUITES = List.of("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA");

    private static SelfSignedKey key;
    private static VsftpdServer vsftpd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startVsftpd() throws Exception {
        key = SelfSignedKey.rsa2048();
        vsftpd = VsftpdServer.start(key, "TLSv1", "TLSv1.2", List.of(
                "ssl_ciphers=ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:@SECLEVEL=0"));
    }

    @AfterAll
    static void stopVsftpd() throws InterruptedException {
        if (vsftpd != null) {
            vsftpd.close();
        }
    }

    @Test
    void theScanFindsExactlyTheConfiguredVersionsAndSuitesThroughAuthTls() throws Exception {
        String target = "127.0.0.1:" + vsftpd.port() + " starttls=ftp";

        JsonNode line = RealServerScan.scan(dir, List.of(target), vsftpd.logs()).get(target);

        assertThat(line.get("status").asText()).as(line + vsftpd.logs()).isEqualTo("ok");
        assertThat(RealServerScan.suitesByVersion(line)).isEqualTo(RealServerScan.expect(Map.of(
                "TLSv1.0", LEGACY_SUITES, "TLSv1.1", LEGACY_SUITES,
                "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_RSA_WITH_AES_128_CBC_SHA"))));
        assertThat(line.get("verdict").asText()).isEqualTo("legacy-enabled");
        assertThat(line.get("certificates").get(0).get("sha256").asText()).isEqualTo(RealServerScan.sha256(key));
        assertThat(line.get("confirmation").get("outcome").asText()).isEqualTo("agreed");
        JsonNode prelude = line.get("prelude");
        assertThat(prelude.get("protocol").asText()).isEqualTo("ftp");
        assertThat(prelude.get("banner").asText()).isEqualTo("(vsFTPd 3.0.3)");
        assertThat(prelude.get("starttls-offered").asBoolean()).isTrue();
        assertThat(RealServerScan.findings(line, "plain-text-auth-before-tls")).isEmpty();
        assertThat(RealServerScan.findings(line, "service-without-tls")).isEmpty();
    }

    @Test
    void opensslsClientCompletesAnAuthTlsHandshakeWithASuiteTheScanFound() throws Exception {
        RealServerScan.assertSClientHandshake("ftp", "127.0.0.1", vsftpd.port(), "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
    }
}
