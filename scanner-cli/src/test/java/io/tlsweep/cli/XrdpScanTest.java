package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.testing.XrdpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real xrdp (Debian's package) through the RDP prelude, started here on a free loopback port: once with
 * {@code security_layer=tls} and a stated TLS version range and cipher list, scanned in full through the X.224
 * negotiation; once with {@code security_layer=rdp} (standard RDP security only), reported as a service without
 * TLS, with its finding, and not as a failure of the scan; once with {@code security_layer=negotiate} (standard RDP
 * security beside TLS). Each time the check rdp-accepts finds exactly the security protocols xrdp accepts, the
 * refusals as xrdp answers them (captured in vectors/prelude for tls and rdp), and its findings.
 */
class XrdpScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** OpenSSL 3 signs TLS 1.0/1.1 handshakes with SHA-1 only at security level 0. */
    private static final String CIPHERS = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA:AES128-SHA:@SECLEVEL=0";
    private static final String AES128_SHA = "0x002F";
    private static final String ECDHE_AES256_SHA = "0xC014";
    private static final String ECDHE_AES128_GCM = "0xC02F";
    /** xrdp listens with a backlog of 2: a few connections at once, and time for its answers. */
    /** What the certificate XrdpServer makes (self-signed, CN xrdp.tlsweep.test, 2 days) is found to be. */
    private static final String[] CERTIFICATE = {"cert-expiring-soon", "cert-self-signed", "cert-untrusted",
        "cert-name-mismatch"};
    private static final String[] POLITE = {"--per-host", "2", "--rate", "0", "--read-timeout", "5000"};

    @TempDir
    Path dir;

    @Test
    void xrdpWithTlsIsScannedExactlyThroughTheRdpNegotiation() throws Exception {
        try (XrdpServer xrdp = XrdpServer.start("security_layer=tls", "crypt_level=high",
                "ssl_protocols=TLSv1.1, TLSv1.2", "tls_ciphers=" + CIPHERS)) {
            // signature-algorithms is opt-in: named, it shows what @SECLEVEL=0 lets OpenSSL sign with
            CliRun r = scan(xrdp, "--checks", "default,signature-algorithms");

            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
            JsonNode line = onlyLine();
            assertThat(line.get("status").asText()).as(xrdp.logs()).isEqualTo("ok");
            assertThat(line.get("verdict").asText()).isEqualTo("legacy-enabled");
            JsonNode prelude = line.get("prelude");
            assertThat(prelude.get("protocol").asText()).isEqualTo("rdp");
            assertThat(prelude.get("negotiation").asText()).isEqualTo("rdp-neg-rsp");
            assertThat(prelude.get("selected-protocol").asText()).isEqualTo("ssl");
            assertThat(prelude.get("standard-rdp-security-only").asBoolean()).isFalse();

            JsonNode protocols = line.get("protocols");
            assertThat(texts(protocols, "version")).containsExactly("TLSv1.1", "TLSv1.2");
            assertThat(texts(protocols.get(0).get("cipherSuites"), "code"))
                    .containsExactlyInAnyOrder(AES128_SHA, ECDHE_AES256_SHA);
            assertThat(texts(protocols.get(1).get("cipherSuites"), "code"))
                    .containsExactlyInAnyOrder(AES128_SHA, ECDHE_AES256_SHA, ECDHE_AES128_GCM);
            assertThat(texts(protocols, "order")).as("xrdp does not set the server's preference")
                    .containsExactly("client", "client");
            assertThat(texts(protocols, "complete")).containsExactly("true", "true");
            List<String> refused = new ArrayList<>();
            line.get("refusals").fieldNames().forEachRemaining(refused::add);
            assertThat(refused).containsExactlyInAnyOrder("SSLv3", "TLSv1.0", "TLSv1.3");

            assertThat(line.get("certificates").get(0).get("sha256").asText()).isEqualTo(xrdp.certificateSha256());
            assertThat(line.get("confirmation").get("outcome").asText()).as(line.get("confirmation").toString())
                    .isEqualTo("agreed");
            assertThat(line.get("profiles")).isNotEmpty();
            assertThat(line.get("profiles").findValues("agrees")).allMatch(JsonNode::asBoolean);
            // @SECLEVEL=0 (for TLS 1.1) lets OpenSSL sign a TLS 1.2 ServerKeyExchange with SHA-1 when asked to
            assertThat(texts(line.get("findings"), "kind")).as("TLS alone, no CredSSP: NLA cannot be required")
                    .containsExactly("cbc-lucky13", "client-order", CERTIFICATE[0], CERTIFICATE[1], CERTIFICATE[2],
                            CERTIFICATE[3], "rdp-nla-not-required", "tls12-sha1-signature");
            assertThat(detail(line, "rdp-nla-not-required"))
                    .isEqualTo("ssl accepted (TLS without CredSSP); CredSSP not accepted at all");

            JsonNode accepts = line.get("checks").get("rdp-accepts");
            assertThat(accepts.get("connections").asInt()).isEqualTo(5);
            assertThat(accepted(accepts)).as("xrdp with security_layer=tls: TLS alone").containsExactly("ssl");
            assertThat(refusals(accepts)).containsExactly("standard-rdp: SSL_REQUIRED_BY_SERVER",
                    "hybrid: SSL_REQUIRED_BY_SERVER", "hybrid-ex: SSL_REQUIRED_BY_SERVER",
                    "rdstls: SSL_REQUIRED_BY_SERVER");
            assertThat(prelude.get("requested-protocols")).as("the line's facts are the scan's own request")
                    .hasSize(3);
            assertThat(Files.readString(dir.resolve("out/endpoints.csv"))).contains("accepts ssl; refuses"
                    + " standard-rdp (SSL_REQUIRED_BY_SERVER)");
        }
    }

    @Test
    void xrdpWithStandardRdpSecurityOnlyIsAServiceWithoutTlsNotAFailure() throws Exception {
        try (XrdpServer xrdp = XrdpServer.start("security_layer=rdp", "crypt_level=high")) {
            CliRun r = scan(xrdp, "--fail-on", "unreachable,not-tls");

            assertThat(r.exit()).as("neither unreachable nor not-tls: " + r.err()).isEqualTo(ExitCodes.OK);
            JsonNode line = onlyLine();
            assertThat(line.get("status").asText()).as(xrdp.logs()).isEqualTo("tls-not-offered");
            assertThat(line.get("verdict").asText()).isEqualTo("tls-not-offered");
            assertThat(line.get("reason").asText()).startsWith("rdp: standard RDP security only: no TLS to retire");
            assertThat(line.get("failure").get("kind").asText()).isEqualTo("prelude-tls-not-offered");
            assertThat(texts(line.get("findings"), "kind")).as("standard RDP security alone is the service without"
                    + " TLS, not also rdp-standard-security-accepted").containsExactly("service-without-tls");
            assertThat(line.get("findings").get(0).get("detail").asText())
                    .isEqualTo("rdp: standard RDP security only");
            JsonNode prelude = line.get("prelude");
            assertThat(prelude.get("selected-protocol").asText()).isEqualTo("standard-rdp");
            assertThat(prelude.get("standard-rdp-security-only").asBoolean()).isTrue();
            assertThat(line.get("protocols")).isEmpty();
            assertThat(line.get("connections").asInt()).as("one per protocol asked, first contact, then the target"
                    + " is over").isEqualTo(5 + 2);
            JsonNode accepts = line.get("checks").get("rdp-accepts");
            assertThat(accepted(accepts)).as("xrdp with security_layer=rdp: standard RDP security alone")
                    .containsExactly("standard-rdp");
            assertThat(refusals(accepts)).containsExactly("ssl: selected standard-rdp",
                    "hybrid: selected standard-rdp", "hybrid-ex: selected standard-rdp",
                    "rdstls: selected standard-rdp");
            assertThat(r.out()).containsPattern(xrdp.hostPort() + " \\(rdp\\) +tls-not-offered");
            JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
            assertThat(summary.get("statuses").get("tls-not-offered").asLong()).isEqualTo(1);
            assertThat(summary.get("statuses").get("unreachable").asLong()).isZero();
            assertThat(Files.readString(dir.resolve("out/endpoints.csv")))
                    .contains(",rdp,,tls-not-offered,tls-not-offered,");

            CliRun failOn = scan(xrdp, "-o", dir.resolve("again").toString(), "--fail-on", "tls-not-offered");
            assertThat(failOn.exit()).as(failOn.err()).isEqualTo(ExitCodes.POLICY);
        }
    }

    /**
     * security_layer=negotiate: xrdp selects standard RDP security for every request but one for TLS alone (its
     * answers taken by hand on 2026-12-03, the same as this test sees), so the scan goes on over TLS and both RDP
     * findings come with its own; the verdict is the TLS's.
     */
    @Test
    void xrdpNegotiatingGivesStandardRdpSecurityBesideTls() throws Exception {
        try (XrdpServer xrdp = XrdpServer.start("security_layer=negotiate", "crypt_level=high",
                "ssl_protocols=TLSv1.2", "tls_ciphers=ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")) {
            CliRun r = scan(xrdp);

            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
            JsonNode line = onlyLine();
            assertThat(line.get("status").asText()).as(xrdp.logs()).isEqualTo("ok");
            assertThat(line.get("verdict").asText()).as("plain-text sessions do not change the TLS verdict")
                    .isEqualTo("ready");
            assertThat(line.get("prelude").get("selected-protocol").asText()).isEqualTo("ssl");
            JsonNode accepts = line.get("checks").get("rdp-accepts");
            assertThat(accepted(accepts)).containsExactly("standard-rdp", "ssl");
            assertThat(refusals(accepts)).containsExactly("hybrid: selected standard-rdp",
                    "hybrid-ex: selected standard-rdp", "rdstls: selected standard-rdp");
            assertThat(texts(line.get("findings"), "kind")).containsExactly("client-order", CERTIFICATE[0],
                    CERTIFICATE[1], CERTIFICATE[2], CERTIFICATE[3], "rdp-standard-security-accepted",
                    "rdp-nla-not-required");
            assertThat(detail(line, "rdp-standard-security-accepted")).isEqualTo("accepts standard-rdp beside ssl;"
                    + " selects it when asked for hybrid, hybrid-ex, rdstls");
            assertThat(detail(line, "rdp-nla-not-required"))
                    .isEqualTo("ssl accepted (TLS without CredSSP); CredSSP not accepted at all");
            assertThat(Files.readString(dir.resolve("out/report.html"))).contains("rdp-standard-security-accepted",
                    "standard RDP security accepted beside TLS");
        }
    }

    private static String detail(JsonNode line, String kind) {
        for (JsonNode f : line.get("findings")) {
            if (f.get("kind").asText().equals(kind)) {
                return f.get("detail").asText();
            }
        }
        throw new AssertionError("no finding " + kind + " in " + line.get("findings"));
    }

    private CliRun scan(XrdpServer xrdp, String... more) throws IOException {
        Path targets = dir.resolve("targets.txt");
        Files.writeString(targets, xrdp.hostPort() + " starttls=rdp\n");
        List<String> args = new ArrayList<>(List.of("scan", "-iL", targets.toString()));
        args.addAll(List.of(POLITE));
        args.addAll(List.of(more));
        if (!args.contains("-o")) {
            args.addAll(List.of("-o", dir.resolve("out").toString()));
        }
        return CliRun.tlsweep(args.toArray(String[]::new));
    }

    private JsonNode onlyLine() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("out/results.jsonl"));
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines.get(0));
    }

    /** The protocols the check rdp-accepts found accepted, in the order asked. */
    private static List<String> accepted(JsonNode check) {
        List<String> found = new ArrayList<>();
        check.get("part").fields().forEachRemaining(e -> {
            if (e.getValue().path("accepted").asBoolean(false)) {
                found.add(e.getKey());
            }
        });
        return found;
    }

    /** "protocol: RDP_NEG_FAILURE code" or "protocol: selected other" for each protocol refused. */
    private static List<String> refusals(JsonNode check) {
        List<String> found = new ArrayList<>();
        check.get("part").fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            if (a.has("accepted") && !a.get("accepted").asBoolean()) {
                found.add(e.getKey() + ": " + (a.has("negotiation-failure") ? a.get("negotiation-failure").asText()
                        : "selected " + a.path("selected").asText()));
            }
        });
        return found;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> found = new ArrayList<>();
        array.forEach(e -> found.add(e.get(field).asText()));
        return found;
    }
}
