package io.tlsweep.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import org.junit.jupiter.api.Test;

class ProfileFileTest {
    private static final String SOURCES = "\"sources\": {\"S1\": {\"title\": \"a document\", \"url\": \"\"}}";

    private static String file(String... profiles) {
        return "{\"schema\": \"tlsweep-profiles/1\", " + SOURCES + ", \"profiles\": [" + String.join(",", profiles)
                + "]}";
    }

    private static String profile(String id, String suites) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + id + " client\", \"family\": \"java\","
                + " \"versions\": {\"value\": [\"TLSv1.2\"], \"sources\": [\"S1\"], \"confidence\": \"H\"},"
                + " \"cipherSuites\": {\"value\": [" + suites + "], \"sources\": [\"S1\"], \"confidence\": \"M\"},"
                + " \"groups\": {\"value\": [\"x25519\"], \"sources\": [\"S1\"], \"confidence\": \"H\"},"
                + " \"sni\": {\"value\": true, \"sources\": [\"S1\"], \"confidence\": \"H\"}}";
    }

    @Test
    void readsAProfileWithEveryFactSourced() {
        ProfileFile.Load load = ProfileFile.parse(file(profile("mine", "\"0xC02F\", \"ECDHE-RSA-AES256-GCM-SHA384\"")),
                "mine.json");
        assertThat(load.errors()).isEmpty();
        ClientProfile p = load.catalog().byId("mine").orElseThrow();
        assertThat(p.cipherSuites().value()).containsExactly(CipherSuite.of(0xC02F), CipherSuite.of(0xC030));
        assertThat(p.versions().value()).containsExactly(ProtocolVersion.TLSv1_2);
        assertThat(p.completes().value()).containsExactly(ProtocolVersion.TLSv1_2);
        assertThat(p.cipherSuites().confidence()).isEqualTo(Confidence.M);
        assertThat(p.citedSources()).containsExactly("S1");
    }

    @Test
    void theFamilyIsReadIgnoringCaseAndAnUnknownOneListsTheFamilies() {
        String shout = profile("shout", "\"0xC02F\"").replace("\"java\"", "\" Java \"");
        String odd = profile("odd", "\"0xC02F\"").replace("\"java\"", "\"mainframe\"");
        ProfileFile.Load load = ProfileFile.parse(file(shout, odd), "mine.json");
        assertThat(load.catalog().byId("shout").orElseThrow().family()).isEqualTo(ClientFamily.JAVA);
        assertThat(load.errors()).containsExactly("mine.json: profile 'odd': family: 'mainframe' is not one of"
                + " schannel, winhttp, dotnet, java, openssl, browser");
    }

    @Test
    void aBadProfileIsReportedWithFileProfileAndFactAndTheOthersLoad() {
        ProfileFile.Load load = ProfileFile.parse(file(profile("good", "\"0xC02F\""),
                profile("bad", "\"0xC02F\", \"NO_SUCH_SUITE\"")), "mine.json");
        assertThat(load.catalog().profiles()).extracting(ClientProfile::id).containsExactly("good");
        assertThat(load.errors()).containsExactly("mine.json: profile 'bad': cipherSuites: [1]: 'NO_SUCH_SUITE' is"
                + " not a cipher suite tlsweep knows");
    }

    /**
     * The ClientHello encoder now refuses a name that is not ASCII (it used to send '?' for each such character),
     * so a profile whose ALPN name is not ASCII is refused when the file loads, not when its hello is sent.
     */
    @Test
    void anAlpnNameThatIsNotAsciiIsRefusedWhenTheFileLoads() {
        String p = profile("alpn", "\"0xC02F\"").replace("\"sni\":",
                "\"alpn\": {\"value\": [\"h2\", \"spdy/\u00fc\"], \"sources\": [\"S1\"], \"confidence\": \"H\"}, \"sni\":");
        ProfileFile.Load load = ProfileFile.parse(file(p), "mine.json");
        assertThat(load.catalog().profiles()).isEmpty();
        assertThat(load.errors()).singleElement().asString().startsWith("mine.json: profile 'alpn': alpn: [1]:")
                .contains("is not an ALPN protocol name");
    }

    @Test
    void controlCharactersOfTheFileAreShownAsEscapesInErrors() {
        ProfileFile.Load load = ProfileFile.parse(file(profile("bad", "\"0xC02F\", \"NO\\u001b[2J\\u0007SUITE\"")),
                "mine.json");
        assertThat(load.errors()).hasSize(1);
        assertThat(load.errors().get(0)).contains("NO\\x1b[2J\\x07SUITE").doesNotContain("\u001b", "\u0007");
    }

    @Test
    void aFactCitingAnUnknownSourceIsRefused() {
        String p = profile("x", "\"0xC02F\"").replace("\"sni\": {\"value\": true, \"sources\": [\"S1\"]",
                "\"sni\": {\"value\": true, \"sources\": [\"S9\"]");
        assertThat(ProfileFile.parse(file(p), "f").errors()).containsExactly("f: profile 'x': sni: cites source 'S9',"
                + " which the file's sources table lacks");
    }

    @Test
    void aFactWithoutSourceOrConfidenceIsRefused() {
        String noSource = profile("x", "\"0xC02F\"").replace("\"groups\": {\"value\": [\"x25519\"], \"sources\":"
                + " [\"S1\"]", "\"groups\": {\"value\": [\"x25519\"], \"sources\": []");
        assertThat(ProfileFile.parse(file(noSource), "f").errors()).containsExactly("f: profile 'x': groups: names"
                + " no source");
        String noConfidence = profile("y", "\"0xC02F\"").replace("\"confidence\": \"M\"", "\"confidence\": \"X\"");
        assertThat(ProfileFile.parse(file(noConfidence), "f").errors()).containsExactly("f: profile 'y':"
                + " cipherSuites: confidence must be H, M or L");
    }

    @Test
    void tls13SuitesBelongInTheirOwnList() {
        assertThat(ProfileFile.parse(file(profile("x", "\"0x1301\"")), "f").errors()).containsExactly(
                "f: profile 'x': cipherSuites: TLS_AES_128_GCM_SHA256 is a TLS 1.3 suite: list it under"
                        + " tls13CipherSuites");
    }

    private static String withServices(String id, String services) {
        return profile(id, "\"0xC02F\"").replace("\"sni\":", "\"services\": {\"value\": [" + services
                + "], \"sources\": [\"S1\"], \"confidence\": \"H\", \"note\": \"its own protocol\"}, \"sni\":");
    }

    @Test
    void aProfileWithoutServicesAppliesToEveryEndpoint() {
        ClientProfile p = ProfileFile.parse(file(profile("any", "\"0xC02F\"")), "mine.json").catalog().byId("any")
                .orElseThrow();
        assertThat(p.services()).isEmpty();
        assertThat(p.facts()).doesNotContainKey("services");
        for (String endpoint : java.util.List.of("", "tls", "smtp", "rdp", "mssql")) {
            assertThat(p.appliesTo(endpoint)).as(endpoint).isTrue();
        }
    }

    @Test
    void servicesLimitAProfileToThoseEndpointsAndAreReadIgnoringCase() {
        ProfileFile.Load load = ProfileFile.parse(file(withServices("rdp-only", "\" RDP \""),
                withServices("sql-and-direct", "\"mssql\", \"tls\"")), "mine.json");
        assertThat(load.errors()).isEmpty();
        ClientProfile rdp = load.catalog().byId("rdp-only").orElseThrow();
        assertThat(rdp.services().orElseThrow().value()).containsExactly("rdp");
        assertThat(rdp.services().orElseThrow().note()).isEqualTo("its own protocol");
        assertThat(rdp.facts()).containsKey("services");
        assertThat(rdp.appliesTo("rdp")).isTrue();
        assertThat(rdp.appliesTo("RDP")).isTrue();
        assertThat(rdp.appliesTo("")).isFalse();
        assertThat(rdp.appliesTo("smtp")).isFalse();
        ClientProfile sql = load.catalog().byId("sql-and-direct").orElseThrow();
        assertThat(sql.appliesTo("mssql")).isTrue();
        assertThat(sql.appliesTo("")).as("no prelude is the service tls").isTrue();
        assertThat(sql.appliesTo("tls")).isTrue();
        assertThat(sql.appliesTo("rdp")).isFalse();
    }

    @Test
    void anUnknownServiceIsAnErrorNamingFileProfileAndPositionAndTheOthersLoad() {
        ProfileFile.Load load = ProfileFile.parse(file(withServices("typo", "\"rdp\", \"rpd\""),
                withServices("good", "\"smtp\"")), "mine.json");
        assertThat(load.catalog().profiles()).extracting(ClientProfile::id).containsExactly("good");
        assertThat(load.errors()).containsExactly("mine.json: profile 'typo': services: [1]: 'rpd' is not a service"
                + " tlsweep knows (" + String.join(", ", ProfileServices.KNOWN) + ")");
    }

    @Test
    void servicesThatAreNotNamesOrAnEmptyListAreRefused() {
        ProfileFile.Load load = ProfileFile.parse(file(withServices("number", "3389"), withServices("none", ""),
                withServices("twice", "\"rdp\", \"Rdp\"")), "f");
        assertThat(load.catalog().profiles()).isEmpty();
        assertThat(load.errors()).containsExactly(
                "f: profile 'number': services: [0]: 3389 is not a service tlsweep knows ("
                        + String.join(", ", ProfileServices.KNOWN) + ")",
                "f: profile 'none': services: an empty list: leave services out for a client of every endpoint",
                "f: profile 'twice': services: [1]: \"Rdp\" is listed twice");
    }

    /** A profile offering {@code versions}, with {@code groups} and the key shares {@code shares} (JSON lists). */
    private static String sharing(String id, String versions, String groups, String shares) {
        String fact = "\"sources\": [\"S1\"], \"confidence\": \"H\"}";
        return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"family\": \"openssl\","
                + " \"versions\": {\"value\": " + versions + ", " + fact + ","
                + " \"cipherSuites\": {\"value\": [\"0xC02F\"], " + fact + ","
                + (versions.contains("TLSv1.3") ? " \"tls13CipherSuites\": {\"value\": [\"0x1301\"], " + fact + ","
                        : "")
                + " \"groups\": {\"value\": " + groups + ", " + fact + ","
                + " \"keyShares\": {\"value\": " + shares + ", " + fact + ","
                + " \"sni\": {\"value\": true, " + fact + "}";
    }

    /** A TLS 1.3 profile stating its key shares: read in order; a share of a group it does not offer is refused. */
    @Test
    void keySharesAreGroupsOfATls13ProfileInOrder() {
        String both = "[\"TLSv1.2\", \"TLSv1.3\"]";
        ProfileFile.Load load = ProfileFile.parse(file(
                sharing("pq", both, "[\"X25519MLKEM768\", \"x25519\"]", "[\"X25519MLKEM768\", \"x25519\"]"),
                sharing("stray", both, "[\"x25519\"]", "[\"secp256r1\"]"),
                sharing("old", "[\"TLSv1.2\"]", "[\"x25519\"]", "[\"x25519\"]")), "mine.json");
        ClientProfile pq = load.catalog().byId("pq").orElseThrow();
        assertThat(pq.keyShares().orElseThrow().value()).containsExactly(NamedGroup.X25519_MLKEM768, NamedGroup.X25519);
        assertThat(pq.facts()).containsKey("keyShares");
        assertThat(load.catalog().profiles()).extracting(ClientProfile::id).containsExactly("pq");
        assertThat(load.errors()).containsExactly(
                "mine.json: profile 'stray': keyShares: secp256r1 is not one of the profile's groups",
                "mine.json: profile 'old': keyShares: key shares are sent in TLS 1.3 only, and TLSv1.3 is not offered");
    }

    @Test
    void notJsonAndNotAProfileFileAreSaidSo() {
        assertThat(ProfileFile.parse("{", "f").errors()).singleElement().asString().startsWith("f: not valid JSON");
        assertThat(ProfileFile.parse("{\"schema\": \"other\"}", "f").errors()).containsExactly(
                "f: not a profile file (\"schema\": \"tlsweep-profiles/1\" expected)");
    }
}
