package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.testing.DovecotServer;
import io.tlsweep.testing.SelfSignedKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep scan} through IMAP's, POP3's and ManageSieve's STARTTLS against a real Dovecot 2.3 (Debian's
 * packages) that the test runs on 127.0.0.2 with free ports: TLS 1.2 and 1.3 ({@code ssl_min_protocol = TLSv1.2};
 * Dovecot 2.3 has no {@code ssl_max_protocol}), three TLS 1.2 suites ({@code ssl_cipher_list}) and one TLS 1.3 suite
 * ({@code ssl_cipher_suites}), and plain-text logins allowed before TLS ({@code disable_plaintext_auth = no}). The
 * scan reports exactly those versions and suites on each of the three services, with the certificate the test made,
 * the prelude and the plain-text-auth finding in each protocol's words; {@code openssl s_client -starttls
 * imap|pop3|sieve} completes a handshake with a suite the scan found. A second Dovecot, the same but with
 * {@code disable_plaintext_auth = yes} (Debian's default), gets no such finding on any of the three, and offers
 * PLAIN and LOGIN only over TLS, where the real-stack check's connection asks for the capabilities again.
 */
class DovecotStarttlsTest {
    private static SelfSignedKey key;
    private static final List<String> PROTOCOLS = List.of("imap", "pop3", "sieve");
    /** Three TLS 1.2 suites in the server's order, and one TLS 1.3 suite. */
    private static final List<String> TLS = List.of(
            "ssl_min_protocol = TLSv1.2",
            "ssl_cipher_list = ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:AES128-GCM-SHA256",
            "ssl_cipher_suites = TLS_AES_256_GCM_SHA384",
            "ssl_prefer_server_ciphers = yes");

    private static DovecotServer dovecot;
    private static DovecotServer tlsOnlyLogins;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDovecot() throws Exception {
        key = SelfSignedKey.rsa2048();
        dovecot = DovecotServer.start(key, settings("disable_plaintext_auth = no"));
        tlsOnlyLogins = DovecotServer.start(key, settings("disable_plaintext_auth = yes"));
    }

    private static List<String> settings(String plainTextAuth) {
        List<String> all = new ArrayList<>(TLS);
        all.add(plainTextAuth);
        return all;
    }

    @AfterAll
    static void stopDovecot() throws InterruptedException {
        List<DovecotServer> started = Stream.of(dovecot, tlsOnlyLogins).filter(Objects::nonNull).toList();
        started.forEach(DovecotServer::requestStop);
        for (DovecotServer server : started) {
            server.close();
        }
    }

    private static String line(String protocol) {
        return line(dovecot, protocol);
    }

    private static String line(DovecotServer server, String protocol) {
        return DovecotServer.ADDRESS + ":" + server.port(protocol) + " starttls=" + protocol;
    }

    @Test
    void theScanFindsExactlyTheConfiguredVersionsAndSuitesOnImapPop3AndSieve() throws Exception {
        Map<String, JsonNode> lines = RealServerScan.scan(dir, PROTOCOLS.stream().map(DovecotStarttlsTest::line)
                .toList(), dovecot.logs());

        Map<String, String> plainText = Map.of(
                "imap", "imap offers AUTH=PLAIN, AUTH=LOGIN, LOGIN before TLS",
                "pop3", "pop3 offers SASL PLAIN, SASL LOGIN, USER before TLS",
                "sieve", "sieve offers SASL PLAIN, SASL LOGIN before TLS");
        for (String protocol : PROTOCOLS) {
            JsonNode line = lines.get(line(protocol));
            assertThat(line.get("status").asText()).as(protocol + ": " + line + dovecot.logs()).isEqualTo("ok");
            assertThat(RealServerScan.suitesByVersion(line)).as(protocol).isEqualTo(RealServerScan.expect(Map.of(
                    "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
                    "TLSv1.3", List.of("TLS_AES_256_GCM_SHA384"))));
            JsonNode tls12 = line.get("protocols").get(0);
            assertThat(tls12.get("version").asText()).isEqualTo("TLSv1.2");
            assertThat(tls12.get("order").asText()).as(protocol).isEqualTo("server");
            assertThat(tls12.get("cipherSuites").findValuesAsText("name")).as("ssl_cipher_list's order")
                    .containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(line.get("certificates").get(0).get("sha256").asText()).as(protocol)
                    .isEqualTo(RealServerScan.sha256(key));
            assertThat(line.get("confirmation").get("outcome").asText()).as(protocol).isEqualTo("agreed");
            JsonNode prelude = line.get("prelude");
            assertThat(prelude.get("protocol").asText()).isEqualTo(protocol);
            assertThat(prelude.get("starttls-offered").asBoolean()).as(protocol).isTrue();
            assertThat(RealServerScan.findings(line, "plain-text-auth-before-tls")).as(protocol)
                    .containsExactly(plainText.get(protocol));
            assertThat(prelude.get("auth-after-tls").toString()).as(protocol + ": asked again over TLS")
                    .isEqualTo("[\"PLAIN\",\"LOGIN\"]");
        }
        for (String protocol : List.of("imap", "pop3")) {
            assertThat(lines.get(line(protocol)).get("prelude").get("banner").asText()).as(protocol)
                    .isEqualTo("Dovecot (Debian) ready.");
        }
    }

    @Test
    void withPlainTextLoginsKeptForTlsNoServiceHasTheFinding() throws Exception {
        List<String> targets = PROTOCOLS.stream().map(p -> line(tlsOnlyLogins, p)).toList();

        Map<String, JsonNode> lines = RealServerScan.scan(dir, targets, tlsOnlyLogins.logs());

        for (String target : targets) {
            JsonNode line = lines.get(target);
            assertThat(line.get("status").asText()).as(target + ": " + line).isEqualTo("ok");
            assertThat(line.get("prelude").get("starttls-offered").asBoolean()).as(target).isTrue();
            assertThat(RealServerScan.findings(line, "plain-text-auth-before-tls")).as(target).isEmpty();
            assertThat(line.get("prelude").get("auth-mechanisms").toString()).as(target).isEqualTo("[]");
            assertThat(line.get("prelude").get("auth-after-tls").toString())
                    .as(target + ": the plain-text mechanisms are offered once TLS is up")
                    .isEqualTo("[\"PLAIN\",\"LOGIN\"]");
        }
        assertThat(lines.get(targets.get(0)).get("prelude").get("login-after-tls").asBoolean())
                .as("IMAP's LOGIN allowed over TLS").isTrue();
        assertThat(lines.get(targets.get(0)).get("prelude").get("login-disabled").asBoolean())
                .as("IMAP's LOGINDISABLED").isTrue();
    }

    @Test
    void opensslsClientCompletesAStarttlsHandshakeWithASuiteTheScanFound() throws Exception {
        RealServerScan.assertSClientHandshake("imap", DovecotServer.ADDRESS, dovecot.port("imap"),
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        RealServerScan.assertSClientHandshake("pop3", DovecotServer.ADDRESS, dovecot.port("pop3"),
                "TLS_RSA_WITH_AES_128_GCM_SHA256");
        RealServerScan.assertSClientHandshake("sieve", DovecotServer.ADDRESS, dovecot.port("sieve"),
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }
}
