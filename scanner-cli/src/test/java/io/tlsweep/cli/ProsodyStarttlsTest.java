package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.testing.ForegroundDaemon;
import io.tlsweep.testing.ProsodyServer;
import io.tlsweep.testing.SelfSignedKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep scan} through XMPP's STARTTLS against a real Prosody (Debian's package) that the test runs on
 * 127.0.0.1 with a free client-to-server port, serving the domain {@value #DOMAIN} with TLS required: TLS 1.2 and 1.3
 * ({@code protocol = "tlsv1_2+"}), two ECDHE-RSA suites for TLS 1.2 ({@code ciphers}) and one for TLS 1.3
 * ({@code ciphersuites}). The target line is an IP literal, so the domain goes in as {@code sni=}: the prelude's
 * stream header is sent to it ({@code to=}) and the hellos carry it. The scan reports exactly those versions and
 * suites, the certificate the test made and the stream's facts in the prelude (STARTTLS required, no SASL mechanism
 * before TLS, PLAIN and SCRAM-SHA-1 after it); {@code openssl s_client -starttls xmpp -xmpphost} completes
 * handshakes, with its own choice and with TLS 1.2, on suites the scan found.
 */
class ProsodyStarttlsTest {
    private static final String DOMAIN = "xmpp.test";
    private static final Map<String, Set<String>> EXPECTED = RealServerScan.expect(Map.of(
            "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            "TLSv1.3", List.of("TLS_CHACHA20_POLY1305_SHA256")));

    private static SelfSignedKey key;
    private static ForegroundDaemon prosody;

    @TempDir
    Path dir;

    @BeforeAll
    static void startProsody() throws Exception {
        key = SelfSignedKey.rsa2048();
        prosody = ProsodyServer.start(key, DOMAIN, List.of("protocol = \"tlsv1_2+\"",
                "ciphers = \"ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305\"",
                "ciphersuites = \"TLS_CHACHA20_POLY1305_SHA256\""));
    }

    @AfterAll
    static void stopProsody() throws InterruptedException {
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void theScanFindsExactlyTheConfiguredVersionsAndSuitesThroughStarttls() throws Exception {
        String target = "127.0.0.1:" + prosody.port() + " starttls=xmpp sni=" + DOMAIN;

        JsonNode line = RealServerScan.scan(dir, List.of(target), prosody.logs()).get(target);

        assertThat(line.get("status").asText()).as(line + prosody.logs()).isEqualTo("ok");
        assertThat(RealServerScan.suitesByVersion(line)).isEqualTo(EXPECTED);
        RealServerScan.assertCertificate(line, key);
        assertThat(line.get("confirmation").get("outcome").asText()).isEqualTo("agreed");
        assertThat(line.get("sni").asText()).isEqualTo(DOMAIN);
        JsonNode prelude = line.get("prelude");
        assertThat(prelude.get("protocol").asText()).isEqualTo("xmpp");
        assertThat(prelude.get("stream-from").asText()).isEqualTo(DOMAIN);
        assertThat(prelude.get("starttls-offered").asBoolean()).isTrue();
        assertThat(prelude.get("starttls-required").asBoolean()).as("c2s_require_encryption = true").isTrue();
        assertThat(prelude.get("sasl-mechanisms")).as("no login offered before TLS").isEmpty();
        List<String> afterTls = new ArrayList<>();
        prelude.get("auth-after-tls").forEach(m -> afterTls.add(m.asText()));
        assertThat(afterTls).as("authentication = \"internal_hashed\": the stream's features asked again over TLS,"
                + " in the order of a Lua table, which changes from one Prosody to the next")
                .containsExactlyInAnyOrder("PLAIN", "SCRAM-SHA-1");
        assertThat(RealServerScan.findings(line, "plain-text-auth-before-tls")).isEmpty();
    }

    @Test
    void opensslsClientCompletesStarttlsHandshakesWithSuitesTheScanFound() throws Exception {
        assertThat(RealServerScan.assertSClientAgrees("xmpp", "127.0.0.1", prosody.port(), EXPECTED, "-xmpphost",
                DOMAIN)).isEqualTo("TLSv1.3 TLS_CHACHA20_POLY1305_SHA256");
        assertThat(RealServerScan.assertSClientAgrees("xmpp", "127.0.0.1", prosody.port(), EXPECTED, "-xmpphost",
                DOMAIN, "-tls1_2")).startsWith("TLSv1.2 ");
    }
}
