package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.testing.PostfixServer;
import io.tlsweep.testing.PostfixServer.Smtpd;
import io.tlsweep.testing.SelfSignedKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep scan} through SMTP's STARTTLS against a real Postfix (Debian's package) that the test runs on
 * 127.0.0.1 with two smtpd services on free ports (tests cannot bind 25 or 587, so the target lines say
 * {@code starttls=smtp}): one TLS 1.2 only with three ECDHE suites and AUTH kept until TLS
 * ({@code smtpd_tls_auth_only}), one TLS 1.0–1.2 with three suites (OpenSSL 3 allows TLS 1.0/1.1 only at
 * {@code @SECLEVEL=0}) and AUTH PLAIN LOGIN offered before TLS. The scan reports exactly those versions and
 * suites, the certificate the test made, the prelude (with the mechanisms EHLO offers before TLS and again over the
 * real-stack check's TLS), and the plain-text-auth finding only where it holds;
 * {@code openssl s_client -starttls smtp} completes a handshake with a suite the scan found.
 */
class PostfixStarttlsTest {
    private static final String TLS12 = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-RSA-CHACHA20-POLY1305";
    private static final String TLS10_12 = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA:AES256-SHA:@SECLEVEL=0";
    private static final List<String> LEGACY_SUITES = List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA");

    private static SelfSignedKey key;
    private static PostfixServer postfix;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostfix() throws Exception {
        key = SelfSignedKey.rsa2048();
        postfix = PostfixServer.start(key, List.of(
                new Smtpd("tls12", List.of("smtpd_tls_protocols=>=TLSv1.2,<=TLSv1.2", "tls_high_cipherlist=" + TLS12,
                        "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes")),
                new Smtpd("tls10-12", List.of("smtpd_tls_protocols=>=TLSv1,<=TLSv1.2",
                        "tls_high_cipherlist=" + TLS10_12, "smtpd_sasl_auth_enable=yes",
                        "smtpd_tls_auth_only=no"))));
    }

    @AfterAll
    static void stopPostfix() throws InterruptedException {
        if (postfix != null) {
            postfix.close();
        }
    }

    @Test
    void theScanFindsExactlyEachSmtpdsVersionsAndSuitesThroughStarttls() throws Exception {
        String tls12 = "127.0.0.1:" + postfix.port("tls12") + " starttls=smtp";
        String legacy = "127.0.0.1:" + postfix.port("tls10-12") + " starttls=smtp";

        Map<String, JsonNode> lines = RealServerScan.scan(dir, List.of(tls12, legacy), postfix.logs());

        JsonNode modern = lines.get(tls12);
        assertThat(modern.get("status").asText()).as(postfix.logs()).isEqualTo("ok");
        assertThat(RealServerScan.suitesByVersion(modern)).isEqualTo(RealServerScan.expect(Map.of(
                "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"))));
        assertThat(modern.get("protocols").get(0).get("order").asText())
                .as("tls_preempt_cipherlist = no (the default): the client's order").isEqualTo("client");
        assertThat(RealServerScan.findings(modern, "plain-text-auth-before-tls"))
                .as("smtpd_tls_auth_only=yes: AUTH only after STARTTLS").isEmpty();
        assertPrelude(modern);
        assertThat(modern.get("prelude").get("auth-before-tls").toString()).isEqualTo("[]");
        assertThat(modern.get("prelude").get("auth-after-tls").toString()).as("EHLO again over TLS")
                .isEqualTo("[\"PLAIN\",\"LOGIN\"]");

        JsonNode old = lines.get(legacy);
        assertThat(old.get("status").asText()).as(postfix.logs()).isEqualTo("ok");
        assertThat(RealServerScan.suitesByVersion(old)).isEqualTo(RealServerScan.expect(Map.of(
                "TLSv1.0", LEGACY_SUITES, "TLSv1.1", LEGACY_SUITES,
                "TLSv1.2", List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                        "TLS_RSA_WITH_AES_256_CBC_SHA"))));
        assertThat(old.get("verdict").asText()).isEqualTo("legacy-enabled");
        assertThat(RealServerScan.findings(old, "plain-text-auth-before-tls"))
                .containsExactly("smtp offers AUTH PLAIN, AUTH LOGIN before TLS");
        assertPrelude(old);
        assertThat(old.get("prelude").get("auth-before-tls").toString()).isEqualTo("[\"PLAIN\",\"LOGIN\"]");
        assertThat(old.get("prelude").get("auth-after-tls").toString()).isEqualTo("[\"PLAIN\",\"LOGIN\"]");
    }

    private static void assertPrelude(JsonNode line) throws Exception {
        assertThat(line.get("certificates").get(0).get("sha256").asText()).isEqualTo(RealServerScan.sha256(key));
        assertThat(line.get("confirmation").get("outcome").asText()).isEqualTo("agreed");
        JsonNode prelude = line.get("prelude");
        assertThat(prelude.get("protocol").asText()).isEqualTo("smtp");
        assertThat(prelude.get("banner").asText()).isEqualTo("220 mail.tlsweep.test ESMTP Postfix");
        assertThat(prelude.get("starttls-offered").asBoolean()).isTrue();
    }

    @Test
    void opensslsClientCompletesAStarttlsHandshakeWithASuiteTheScanFound() throws Exception {
        RealServerScan.assertSClientHandshake("smtp", "127.0.0.1", postfix.port("tls12"),
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        RealServerScan.assertSClientHandshake("smtp", "127.0.0.1", postfix.port("tls10-12"),
                "TLS_RSA_WITH_AES_256_CBC_SHA");
    }
}
