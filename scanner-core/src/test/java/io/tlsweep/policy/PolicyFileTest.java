package io.tlsweep.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy file format: the built-ins load and cite their sources; a bad user file names file, rule and field. */
class PolicyFileTest {
    private static final String HEAD = "{\"schema\": \"tlsweep-policy/1\", \"id\": \"mine\", \"name\": \"Mine\","
            + " \"sources\": {\"doc\": {\"title\": \"Our TLS standard 2026\","
            + " \"url\": \"https://example.invalid/tls\"}},"
            + " \"rules\": [";

    private static String rule(String id, String test, String value) {
        return "{\"id\": \"" + id + "\", \"description\": \"d\", \"source\": {\"document\": \"doc\", \"section\":"
                + " \"4.2\"}, \"test\": \"" + test + "\", \"value\": " + value + "}";
    }

    private static PolicyFile.Load load(String... rules) {
        return PolicyFile.parse(HEAD + String.join(",", rules) + "]}", "mine.json");
    }

    @Test
    void everyBuiltInPolicyLoadsAndEachRuleCitesDocumentSectionAndUrl() {
        List<Policy> all = PolicyFile.builtIn();
        assertThat(all).extracting(Policy::id).containsExactlyElementsOf(PolicyFile.BUILT_IN);
        for (Policy p : all) {
            assertThat(p.rules()).as(p.id()).isNotEmpty();
            p.rules().forEach(r -> {
                assertThat(r.source().document()).as(p.id() + "/" + r.id()).isNotBlank();
                assertThat(r.source().section()).as(p.id() + "/" + r.id()).isNotBlank();
                assertThat(r.source().url()).as(p.id() + "/" + r.id()).startsWith("https://");
                assertThat(r.description()).as(p.id() + "/" + r.id()).isNotBlank();
            });
        }
        assertThat(PolicyFile.named("mozilla-modern").orElseThrow().rule("versions").orElseThrow().requirement())
                .isEqualTo(new Requirement.VersionsAllowed(List.of(io.tlsweep.wire.ProtocolVersion.TLSv1_3)));
        assertThat(PolicyFile.named("no-such")).isEmpty();
    }

    @Test
    void aGoodUserFileLoadsEveryTestWord() {
        PolicyFile.Load load = load(rule("v", "versions.forbidden", "[\"TLSv1.0\", \"tls1.1\"]"),
                rule("s", "suites.forbidden", "[\"3des\", \"RC4\", \"AES128-SHA\"]"),
                rule("c", "suites.ciphers", "[\"aes_gcm\"]"), rule("m", "suites.macs", "[\"AEAD\"]"),
                rule("f", "kex.forwardSecrecy", "true"), rule("g", "groups.allowed", "[\"P-256\", \"0x001d\"]"),
                rule("d", "dh.minBits", "2048"), rule("k", "cert.keyTypes", "[\"ec\"]"),
                rule("r", "cert.minRsaBits", "3072"), rule("e", "cert.minEcBits", "256"),
                rule("x", "cert.signatureForbidden", "[\"sha1\"]"), rule("a", "suites.allowed",
                        "[\"TLS_AES_128_GCM_SHA256\"]"), rule("q", "versions.required", "[\"TLSv1.3\"]"),
                rule("w", "versions.allowed", "[\"TLSv1.3\"]"));
        assertThat(load.errors()).isEmpty();
        Policy p = load.policy().orElseThrow();
        assertThat(p.rules()).hasSize(14);
        assertThat(p.rule("s").orElseThrow().requirement().value())
                .isEqualTo("rc4, 3des, TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(p.rule("v").orElseThrow().source().cite()).isEqualTo("Our TLS standard 2026, 4.2");
    }

    @Test
    void anUnknownTestNamesFileRuleAndField() {
        PolicyFile.Load load = load(rule("ok", "dh.minBits", "2048"), rule("no-old", "versions.maybe", "[]"));
        assertThat(load.policy()).isEmpty();
        assertThat(load.errors()).singleElement().satisfies(e -> assertThat(e)
                .startsWith("mine.json: rule 'no-old': test: 'versions.maybe' is not a test tlsweep knows (")
                .contains("versions.forbidden"));
    }

    @Test
    void aBadValueNamesFileRuleFieldAndElement() {
        PolicyFile.Load load = load(rule("versions", "versions.forbidden", "[\"TLSv1.0\", \"TLSv9\"]"),
                rule("weak", "suites.forbidden", "[\"rc5\"]"), rule("bits", "cert.minRsaBits", "\"2048\""),
                rule("fs", "kex.forwardSecrecy", "false"), rule("v2", "versions.forbidden", "[\"SSLv2\"]"));
        assertThat(load.policy()).isEmpty();
        assertThat(load.errors()).containsExactly(
                "mine.json: rule 'versions': value: [1]: 'TLSv9' is not a version the scan enumerates (SSLv3,"
                        + " TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3); SSLv2 is the sslv2 check's finding",
                "mine.json: rule 'weak': value: [0]: 'rc5' is neither a weakness (null, anon, export, rc4, rc2, des,"
                        + " 3des, md5, cbc) nor a cipher suite tlsweep knows",
                "mine.json: rule 'bits': value: \"2048\" is not a number of bits (1 to 65536)",
                "mine.json: rule 'fs': value: must be true (leave the rule out to allow static key exchange)",
                "mine.json: rule 'v2': value: [0]: 'SSLv2' is not a version the scan enumerates (SSLv3, TLSv1.0,"
                        + " TLSv1.1, TLSv1.2, TLSv1.3); SSLv2 is the sslv2 check's finding");
    }

    @Test
    void missingOrUnknownRuleFieldsAreNamed() {
        PolicyFile.Load load = load(
                "{\"id\": \"a\", \"description\": \"d\", \"source\": {\"document\": \"doc\", \"section\": \"1\"},"
                        + " \"test\": \"dh.minBits\"}",
                "{\"id\": \"b\", \"description\": \"d\", \"source\": {\"document\": \"other\", \"section\": \"1\"},"
                        + " \"test\": \"dh.minBits\", \"value\": 2048}",
                "{\"id\": \"c\", \"description\": \"d\", \"source\": {\"document\": \"doc\", \"section\": \"1\"},"
                        + " \"test\": \"dh.minBits\", \"value\": 2048, \"severity\": \"high\"}",
                rule("a", "dh.minBits", "2048"), rule("a", "dh.minBits", "2048"));
        assertThat(load.errors()).containsExactly(
                "mine.json: rule 'a': value: missing: dh.minBits takes a number of bits",
                "mine.json: rule 'b': source: document 'other' is not in the file's sources table",
                "mine.json: rule 'c': severity: not a rule field (description, id, source, test, value)",
                "mine.json: rule 'a': id: appears twice");
    }

    @Test
    void aFileThatIsNotAPolicyIsRefusedWhole() {
        assertThat(PolicyFile.parse("{\"schema\": \"tlsweep-profiles/1\"}", "p.json").errors())
                .containsExactly("p.json: not a policy file (\"schema\": \"tlsweep-policy/1\" expected)");
        assertThat(PolicyFile.parse("{", "p.json").errors()).singleElement()
                .satisfies(e -> assertThat(e).startsWith("p.json: not valid JSON: "));
    }
}
