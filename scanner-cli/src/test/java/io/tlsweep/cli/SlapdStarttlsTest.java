package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.testing.ForegroundDaemon;
import io.tlsweep.testing.SelfSignedKey;
import io.tlsweep.testing.SlapdServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep scan} through LDAP's StartTLS against a real OpenLDAP slapd (Debian's package, built with GnuTLS)
 * that the test runs on 127.0.0.1 with a free port (the target line says {@code starttls=ldap}): TLS 1.2 only with
 * two ECDHE-RSA AES-GCM suites, stated as the GnuTLS priority string of {@code TLSCipherSuite}. The scan reports
 * exactly that version and those suites with the certificate the test made, the StartTLS answer and the root DSE read
 * before it (StartTLS listed; the SASL mechanisms {@code sasl-secprops} leaves) in the prelude;
 * {@code openssl s_client -starttls ldap} completes a handshake with a suite the scan found.
 */
class SlapdStarttlsTest {
    /** TLS 1.2 and nothing else; ECDHE with RSA signatures; AES-256-GCM and AES-128-GCM. */
    private static final String PRIORITY = "NONE:+VERS-TLS1.2:+ECDHE-RSA:+AES-256-GCM:+AES-128-GCM:+AEAD"
            + ":+SIGN-ALL:+GROUP-ALL:+COMP-NULL:+CTYPE-X509";
    private static final Map<String, Set<String>> EXPECTED = RealServerScan.expect(Map.of("TLSv1.2", List.of(
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));

    private static SelfSignedKey key;
    private static ForegroundDaemon slapd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSlapd() throws Exception {
        key = SelfSignedKey.rsa2048();
        slapd = SlapdServer.start(key, PRIORITY);
    }

    @AfterAll
    static void stopSlapd() throws InterruptedException {
        if (slapd != null) {
            slapd.close();
        }
    }

    @Test
    void theScanFindsExactlyTheConfiguredVersionAndSuitesThroughStartTls() throws Exception {
        String target = "127.0.0.1:" + slapd.port() + " starttls=ldap";

        JsonNode line = RealServerScan.scan(dir, List.of(target), slapd.logs()).get(target);

        assertThat(line.get("status").asText()).as(line + slapd.logs()).isEqualTo("ok");
        assertThat(RealServerScan.suitesByVersion(line)).isEqualTo(EXPECTED);
        RealServerScan.assertCertificate(line, key);
        assertThat(line.get("confirmation").get("outcome").asText()).isEqualTo("agreed");
        JsonNode prelude = line.get("prelude");
        assertThat(prelude.get("protocol").asText()).isEqualTo("ldap");
        assertThat(prelude.get("result-code").asInt()).isZero();
        assertThat(prelude.get("result").asText()).isEqualTo("success");
        assertThat(prelude.get("starttls-offered").asBoolean()).isTrue();
        assertThat(prelude.get("starttls-listed").asBoolean()).as("the root DSE read before StartTLS lists it")
                .isTrue();
        assertThat(prelude.get("sasl-mechanisms").toString())
                .as("sasl-secprops " + SlapdServer.SASL_SECPROPS + ": the SCRAM family, as the root DSE lists it")
                .isEqualTo("[\"SCRAM-SHA-512\",\"SCRAM-SHA-384\",\"SCRAM-SHA-256\",\"SCRAM-SHA-224\",\"SCRAM-SHA-1\"]");
        assertThat(RealServerScan.findings(line, "service-without-tls")).isEmpty();
    }

    @Test
    void opensslsClientCompletesAStartTlsHandshakeWithASuiteTheScanFound() throws Exception {
        RealServerScan.assertSClientAgrees("ldap", "127.0.0.1", slapd.port(), EXPECTED);
    }
}
