package io.tlsweep.report.cbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.RunInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** cbom.json from results lines: valid CycloneDX 1.6, every reference resolved, each asset with its properties. */
class CbomTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunInfo RUN = new RunInfo(Instant.parse("2025-03-01T10:00:00Z"), Duration.ofSeconds(5),
            "0.1.0-test", "tlsweep scan old.example");
    private static final String CERT = "\"certificate\":{\"subject\":\"CN=%s\",\"commonName\":\"%s\","
            + "\"issuer\":\"CN=Test CA\",\"key\":\"%s\",\"signature\":\"%s\",\"notBefore\":\"2025-01-01T00:00:00Z\","
            + "\"notAfter\":\"2026-01-01T00:00:00Z\",\"sha256\":\"%s\",\"chainLength\":2,\"nameCheck\":\"matches\","
            + "\"validation\":\"trusted\",\"anchors\":\"system\",\"ocspStapled\":false}";
    /** TLS 1.0 with RC4 and 3DES, an RSA key. */
    private static final String OLD = "{\"schema\":\"tlsweep/1\",\"target\":\"old.example:443\",\"host\":\"old.example\","
            + "\"address\":\"192.0.2.7\",\"port\":443,\"status\":\"ok\",\"protocols\":[{\"version\":\"TLSv1.0\","
            + "\"cipherSuites\":[{\"code\":\"0x0005\",\"name\":\"TLS_RSA_WITH_RC4_128_SHA\"},{\"code\":\"0x000A\","
            + "\"name\":\"TLS_RSA_WITH_3DES_EDE_CBC_SHA\"}],\"order\":\"server\",\"complete\":true}],"
            + CERT.formatted("old.example", "old.example", "RSA 2048-bit", "SHA256withRSA", "ab".repeat(32)) + "}";

    /** TLS 1.2 and 1.3 with a hybrid post-quantum group, an EC key; {@code n} makes the target differ. */
    private static String modern(int n) {
        return "{\"schema\":\"tlsweep/1\",\"target\":\"new" + n + ".example:443\",\"host\":\"new" + n + ".example\","
                + "\"address\":\"2001:db8::" + n + "\",\"port\":443,\"status\":\"ok\",\"protocols\":["
                + "{\"version\":\"TLSv1.2\",\"cipherSuites\":[{\"code\":\"0xC02B\","
                + "\"name\":\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\"}],\"groups\":[\"x25519\"],\"complete\":true},"
                + "{\"version\":\"TLSv1.3\",\"cipherSuites\":[{\"code\":\"0x1302\",\"name\":\"TLS_AES_256_GCM_SHA384\"},"
                + "{\"code\":\"0x1303\",\"name\":\"TLS_CHACHA20_POLY1305_SHA256\"}],\"groups\":[\"X25519MLKEM768\","
                + "\"x25519\"],\"complete\":true}],"
                + CERT.formatted("new.example", "new.example", "EC 256-bit (secp256r1)", "SHA384withECDSA",
                        "cd".repeat(32)) + "}";
    }

    private static final String REFUSED = "{\"schema\":\"tlsweep/1\",\"target\":\"down.example:443\","
            + "\"host\":\"down.example\",\"port\":443,\"status\":\"unreachable\",\"connections\":1}";

    private static byte[] write(Cbom cbom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cbom.write(out, RUN);
        return out.toByteArray();
    }

    private static Cbom of(String... lines) throws IOException {
        Cbom cbom = new Cbom();
        for (String line : lines) {
            cbom.add(JSON.readValue(line, ResultJson.class));
        }
        return cbom;
    }

    private static JsonNode component(JsonNode bom, String ref) {
        for (JsonNode c : bom.get("components")) {
            if (c.get("bom-ref").asText().equals(ref)) {
                return c;
            }
        }
        throw new AssertionError("no component " + ref);
    }

    private static List<String> dependsOn(JsonNode bom, String ref) {
        for (JsonNode d : bom.get("dependencies")) {
            if (d.get("ref").asText().equals(ref)) {
                List<String> on = new ArrayList<>();
                d.path("dependsOn").forEach(n -> on.add(n.asText()));
                return on;
            }
        }
        throw new AssertionError("no dependency entry for " + ref);
    }

    @Test
    void theBomValidatesAsCycloneDx16AndEveryReferenceResolves() throws Exception {
        byte[] bytes = write(of(OLD, modern(1), REFUSED));

        JsonParser parser = new JsonParser();
        assertThat(parser.validate(bytes, Version.VERSION_16)).isEmpty();
        Bom bom = parser.parse(bytes);
        assertThat(bom.getSpecVersion()).isEqualTo("1.6");
        assertThat(bom.getServices()).hasSize(2);

        JsonNode tree = JSON.readTree(bytes);
        Set<String> refs = new HashSet<>();
        tree.get("components").forEach(c -> assertThat(refs.add(c.get("bom-ref").asText())).isTrue());
        tree.get("services").forEach(s -> assertThat(refs.add(s.get("bom-ref").asText())).isTrue());
        for (JsonNode d : tree.get("dependencies")) {
            assertThat(refs).contains(d.get("ref").asText());
            d.path("dependsOn").forEach(n -> assertThat(refs).contains(n.asText()));
        }
        assertThat(tree.get("dependencies")).hasSize(refs.size());
        List<String> pointed = new ArrayList<>();
        tree.findValues("algorithms").forEach(a -> a.forEach(n -> pointed.add(n.asText())));
        tree.findValues("cryptoRefArray").forEach(a -> a.forEach(n -> pointed.add(n.asText())));
        tree.findValues("signatureAlgorithmRef").forEach(n -> pointed.add(n.asText()));
        tree.findValues("subjectPublicKeyRef").forEach(n -> pointed.add(n.asText()));
        tree.findValues("algorithmRef").forEach(n -> pointed.add(n.asText()));
        assertThat(pointed).hasSizeGreaterThan(10);
        assertThat(refs).containsAll(pointed);
        assertThat(tree.at("/metadata/tools/components/0/name").asText()).isEqualTo("tlsweep");
        assertThat(tree.at("/metadata/timestamp").asText()).isEqualTo("2025-03-01T10:00:00Z");
    }

    @Test
    void anEndpointsTls10ProtocolListsItsRc4SuiteWithItsAlgorithms() throws Exception {
        JsonNode bom = JSON.readTree(write(of(OLD)));
        List<String> uses = dependsOn(bom, "endpoint/old.example:443@192.0.2.7");
        assertThat(uses).hasSize(2);
        JsonNode tls10 = component(bom, uses.get(0));
        assertThat(tls10.get("name").asText()).isEqualTo("TLSv1.0");
        JsonNode p = tls10.at("/cryptoProperties");
        assertThat(p.get("assetType").asText()).isEqualTo("protocol");
        assertThat(p.at("/protocolProperties/type").asText()).isEqualTo("tls");
        assertThat(p.at("/protocolProperties/version").asText()).isEqualTo("1.0");
        JsonNode rc4 = p.at("/protocolProperties/cipherSuites/0");
        assertThat(rc4.get("name").asText()).isEqualTo("TLS_RSA_WITH_RC4_128_SHA");
        assertThat(rc4.get("identifiers").toString()).isEqualTo("[\"0x00\",\"0x05\"]");

        List<String> algorithms = new ArrayList<>();
        rc4.get("algorithms").forEach(a -> algorithms.add(a.asText()));
        assertThat(algorithms.stream().map(r -> component(bom, r).get("name").asText()))
                .containsExactly("RSA-PKCS1-v1_5", "RSA", "RC4-128", "HMAC-SHA1");
        JsonNode cipher = component(bom, algorithms.get(2)).at("/cryptoProperties/algorithmProperties");
        assertThat(cipher.get("primitive").asText()).isEqualTo("stream-cipher");
        assertThat(cipher.get("parameterSetIdentifier").asText()).isEqualTo("128");
        assertThat(cipher.get("cryptoFunctions").toString()).isEqualTo("[\"encrypt\",\"decrypt\"]");
        assertThat(cipher.get("nistQuantumSecurityLevel").asInt()).isZero();
        assertThat(cipher.has("mode")).isFalse();
        assertThat(component(bom, algorithms.get(3)).at("/cryptoProperties/algorithmProperties/primitive").asText())
                .isEqualTo("mac");
        assertThat(component(bom, algorithms.get(0)).at("/cryptoProperties/algorithmProperties/primitive").asText())
                .isEqualTo("pke");
        assertThat(dependsOn(bom, uses.get(0))).containsAll(algorithms).doesNotHaveDuplicates();

        JsonNode des3 = component(bom, "crypto/algorithm/3des-168-cbc").at("/cryptoProperties/algorithmProperties");
        assertThat(des3.get("primitive").asText()).isEqualTo("block-cipher");
        assertThat(des3.get("mode").asText()).isEqualTo("cbc");
        assertThat(des3.get("nistQuantumSecurityLevel").asInt()).isZero();
    }

    @Test
    void aCertificateNamesItsKeyAndSignatureAlgorithm() throws Exception {
        JsonNode bom = JSON.readTree(write(of(OLD)));
        String certRef = dependsOn(bom, "endpoint/old.example:443@192.0.2.7").get(1);
        JsonNode cert = component(bom, certRef);
        JsonNode p = cert.at("/cryptoProperties/certificateProperties");
        assertThat(cert.at("/cryptoProperties/assetType").asText()).isEqualTo("certificate");
        assertThat(p.get("subjectName").asText()).isEqualTo("CN=old.example");
        assertThat(p.get("issuerName").asText()).isEqualTo("CN=Test CA");
        assertThat(p.get("notValidBefore").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(p.get("notValidAfter").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(component(bom, p.get("signatureAlgorithmRef").asText()).get("name").asText())
                .isEqualTo("SHA256withRSA");
        JsonNode key = component(bom, p.get("subjectPublicKeyRef").asText());
        JsonNode material = key.at("/cryptoProperties/relatedCryptoMaterialProperties");
        assertThat(material.get("type").asText()).isEqualTo("public-key");
        assertThat(material.get("size").asInt()).isEqualTo(2048);
        JsonNode keyAlgorithm = component(bom, material.get("algorithmRef").asText());
        assertThat(keyAlgorithm.get("name").asText()).isEqualTo("RSA-2048");
        assertThat(dependsOn(bom, certRef)).containsExactly(p.get("subjectPublicKeyRef").asText(),
                p.get("signatureAlgorithmRef").asText());
        assertThat(dependsOn(bom, key.get("bom-ref").asText())).containsExactly(keyAlgorithm.get("bom-ref").asText());
    }

    @Test
    void endpointsConfiguredAlikeShareTheirAssetsAndTls13NamesItsGroupsApart() throws Exception {
        JsonNode bom = JSON.readTree(write(of(modern(1), modern(2))));
        assertThat(bom.get("services")).hasSize(2);
        assertThat(bom.at("/services/1/endpoints/0").asText()).isEqualTo("tls://[2001:db8::2]:443");
        JsonNode zoned = JSON.readTree(write(of(modern(1).replace("2001:db8::1", "fe80::1%eth0"))));
        assertThat(zoned.at("/services/0/endpoints/0").asText()).isEqualTo("tls://[fe80::1%25eth0]:443");
        List<String> first = dependsOn(bom, "endpoint/new1.example:443@2001:db8::1");
        assertThat(dependsOn(bom, "endpoint/new2.example:443@2001:db8::2")).isEqualTo(first).hasSize(3);

        JsonNode tls13 = component(bom, first.get(1)).at("/cryptoProperties/protocolProperties");
        assertThat(tls13.get("version").asText()).isEqualTo("1.3");
        List<String> aes = new ArrayList<>();
        tls13.at("/cipherSuites/0/algorithms").forEach(a -> aes.add(component(bom, a.asText()).get("name").asText()));
        assertThat(aes).containsExactly("AES-256-GCM", "SHA-384");
        JsonNode gcm = component(bom, "crypto/algorithm/aes-256-gcm").at("/cryptoProperties/algorithmProperties");
        assertThat(gcm.get("primitive").asText()).isEqualTo("ae");
        assertThat(gcm.get("mode").asText()).isEqualTo("gcm");
        assertThat(gcm.get("nistQuantumSecurityLevel").asInt()).isEqualTo(5);
        JsonNode hybrid = component(bom, tls13.at("/cryptoRefArray/0").asText());
        assertThat(hybrid.get("name").asText()).isEqualTo("X25519MLKEM768");
        assertThat(hybrid.at("/cryptoProperties/algorithmProperties/primitive").asText()).isEqualTo("kem");
        assertThat(hybrid.at("/cryptoProperties/algorithmProperties/nistQuantumSecurityLevel").asInt()).isEqualTo(3);
        JsonNode x25519 = component(bom, "crypto/algorithm/x25519").at("/cryptoProperties/algorithmProperties");
        assertThat(x25519.get("curve").asText()).isEqualTo("x25519");
        assertThat(x25519.get("nistQuantumSecurityLevel").asInt()).isZero();
        assertThat(component(bom, "crypto/algorithm/chacha20-poly1305")
                .at("/cryptoProperties/algorithmProperties").has("nistQuantumSecurityLevel")).isFalse();
        assertThat(component(bom, "crypto/algorithm/ec-secp256r1")
                .at("/cryptoProperties/algorithmProperties/curve").asText()).isEqualTo("secp256r1");
    }

    @Test
    void pastItsCapTheBomCountsTheEndpointsItLeftOut() throws Exception {
        Cbom cbom = new Cbom(1);
        for (String line : List.of(modern(1), modern(2), modern(3), REFUSED)) {
            cbom.add(JSON.readValue(line, ResultJson.class));
        }
        byte[] bytes = write(cbom);
        assertThat(new JsonParser().validate(bytes, Version.VERSION_16)).isEmpty();
        JsonNode bom = JSON.readTree(bytes);
        assertThat(bom.get("services")).hasSize(1);
        assertThat(bom.at("/properties/0/name").asText()).isEqualTo(Cbom.LEFT_OUT);
        assertThat(bom.at("/properties/0/value").asText()).isEqualTo("2");
    }

    /** A hand-edited line whose suite codes or version do not read leaves only what does read. */
    @Test
    void codesThatDoNotReadAreLeftOut() throws Exception {
        String odd = OLD.replace("\"0x000A\"", "\"ten\"").replace("old.example:443", "odd.example:443");
        String noVersion = modern(4).replace("\"version\":\"TLSv1.2\",", "");
        JsonNode bom = JSON.readTree(write(of(odd, noVersion)));
        JsonNode tls10 = component(bom, dependsOn(bom, "endpoint/odd.example:443@192.0.2.7").get(0));
        assertThat(tls10.at("/cryptoProperties/protocolProperties/cipherSuites").findValuesAsText("name"))
                .containsExactly("TLS_RSA_WITH_RC4_128_SHA");
        assertThat(dependsOn(bom, "endpoint/new4.example:443@2001:db8::4").stream()
                .map(r -> component(bom, r).get("name").asText())).containsExactly("TLSv1.3", "new.example");
    }

    /** The validator the tests rely on does reject a BOM outside the schema. */
    @Test
    void theValidatorRejectsAnAssetOutsideTheSchema() throws Exception {
        ObjectNode bom = (ObjectNode) JSON.readTree(write(of(OLD)));
        ((ObjectNode) bom.at("/components/0/cryptoProperties/algorithmProperties")).put("primitive", "rot13");
        assertThat(new JsonParser().validate(JSON.writeValueAsBytes(bom), Version.VERSION_16)).isNotEmpty();
    }
}
