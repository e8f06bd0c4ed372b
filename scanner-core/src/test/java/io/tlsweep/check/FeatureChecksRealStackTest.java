package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.check.SignatureAlgorithmsCheck.Outcome;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.JsseServer;
import io.tlsweep.testing.NginxServer;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HelloFeaturesCheck} and {@link SignatureAlgorithmsCheck} in the default scan against real stacks nobody here
 * wrote — OpenSSL 3 {@code s_server} (its defaults, TLS 1.2 with ALPN, and at security level 0), GnuTLS
 * {@code gnutls-serv} 1.2 + 1.3, nginx with TLS 1.2, a JDK server with RSA and ECDSA certificates — and the farm's
 * BoringSSL, JDK and Bouncy Castle targets; true positives from the farm's scripted legacy server and a scripted
 * server that refuses every ALPN offer ({@link AlpnRefusingServer}). Each result is stated per stack (README's
 * "Active checks" table is this test's). At most 8 connections at once: gnutls-serv listens with a backlog of 10.
 */
class FeatureChecksRealStackTest {
    private static final List<AutoCloseable> SERVERS = new ArrayList<>();
    /** A loopback address of this run's own, where servers listen on web ports (443, 8443) without meeting others. */
    private static final String WEB = "127." + (1 + new java.util.Random().nextInt(254)) + "."
            + new java.util.Random().nextInt(256) + "." + (1 + new java.util.Random().nextInt(254));
    private static Map<String, TargetResult> scanned;

    @BeforeAll
    static void scan() throws Exception {
        OpenSslServer.require();
        List<Target> targets = new ArrayList<>();
        TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.mixed(), DefaultProfiles.legacyTls10(),
                DefaultProfiles.strongTls12Ecdsa(), DefaultProfiles.modernTls12And13(), DefaultProfiles.tls13Only(),
                DefaultProfiles.legacy3desRc4(), TargetSpec.tls("boringssl-tls13").stack(TlsStack.BORINGSSL)
                        .versions(TlsVersion.TLS1_2, TlsVersion.TLS1_3).cipherSuites("TLS_AES_128_GCM_SHA256",
                                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").build(),
                TargetSpec.tls("bouncy-castle-tls13").stack(TlsStack.BOUNCY_CASTLE)
                        .versions(TlsVersion.TLS1_2, TlsVersion.TLS1_3).cipherSuites("TLS_AES_128_GCM_SHA256",
                                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").build()));
        SERVERS.add(farm);
        for (String name : List.of("mixed-tls10-12", "legacy-tls10", "strong-tls12-ecdsa", "modern-tls12-13",
                "tls13-only", "legacy-3des-rc4", "boringssl-tls13", "bouncy-castle-tls13")) {
            FarmTarget t = farm.target(name);
            targets.add(target(t.host(), t.port(), name));
        }
        openssl(targets, "openssl");
        OpenSslServer alpn = OpenSslServer.startAt(WEB, 443, OpenSslServer.Key.RSA, "-tls1_2", "-alpn", "h2,http/1.1");
        SERVERS.add(alpn);
        targets.add(target(WEB, 443, "openssl-tls12-alpn"));
        openssl(targets, "openssl-tls12-alpn-not-web", "-tls1_2", "-alpn", "h2,http/1.1");
        openssl(targets, "openssl-seclevel0", "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0");
        openssl(targets, "openssl-tls13-rsa", OpenSslServer.Key.RSA, "-tls1_3");
        openssl(targets, "openssl-tls13-ecdsa", OpenSslServer.Key.ECDSA_P256, "-tls1_3");
        openssl(targets, "openssl-tls13-ed25519", OpenSslServer.Key.ED25519, "-tls1_3");
        GnutlsServer gnutls = GnutlsServer.start("NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.3");
        SERVERS.add(gnutls);
        targets.add(target("127.0.0.1", gnutls.port(), "gnutls"));
        NginxServer nginx = NginxServer.start("ssl_protocols TLSv1.2;");
        SERVERS.add(nginx::close);
        String[] hostPort = nginx.hostPort().split(":");
        targets.add(target(hostPort[0], Integer.parseInt(hostPort[1]), "nginx"));
        NginxServer nginx13 = NginxServer.start("ssl_protocols TLSv1.3;");
        SERVERS.add(nginx13::close);
        String[] hostPort13 = nginx13.hostPort().split(":");
        targets.add(target(hostPort13[0], Integer.parseInt(hostPort13[1]), "nginx-tls13"));
        AlpnRefusingServer refusing = AlpnRefusingServer.startAt(WEB, 8443);
        SERVERS.add(refusing);
        targets.add(target(WEB, 8443, "alpn-refusing"));
        AlpnRefusingServer refusingElsewhere = AlpnRefusingServer.start();
        SERVERS.add(refusingElsewhere);
        targets.add(target("127.0.0.1", refusingElsewhere.port(), "alpn-refusing-not-web"));
        JsseServer jdk = JsseServer.start(true);
        SERVERS.add(jdk);
        targets.add(target("127.0.0.1", jdk.port(), "jdk-rsa-ecdsa"));
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).targetBudget(Duration.ofMinutes(3)).maxInFlight(8)
                .perHostConnections(8).build();
        scanned = new LinkedHashMap<>();
        try (TlsScanner scanner = new TlsScanner(config, ScanOptions.full().checks(Checks.BUILT_IN.select(List.of("default",
                "signature-algorithms"))), List.of(), false, Checks.BUILT_IN)) {
            scanner.scan(targets.iterator(), r -> scanned.put(r.target().origin(), r)).join();
        }
    }

    private static void openssl(List<Target> targets, String name, String... args) throws Exception {
        openssl(targets, name, OpenSslServer.Key.RSA, args);
    }

    private static void openssl(List<Target> targets, String name, OpenSslServer.Key key, String... args)
            throws Exception {
        OpenSslServer s = OpenSslServer.start(key, args);
        SERVERS.add(s);
        targets.add(target("127.0.0.1", s.port(), name));
    }

    private static Target target(String host, int port, String origin) {
        return new Target(host + ":" + port, host, port, Optional.empty(), true, origin);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable s : SERVERS) {
            s.close();
        }
    }

    @Test
    void extendedMasterSecretIsEchoedByEveryRealStack() {
        for (String real : List.of("openssl", "openssl-tls12-alpn", "openssl-seclevel0", "gnutls", "nginx",
                "jdk-rsa-ecdsa", "mixed-tls10-12", "legacy-tls10", "strong-tls12-ecdsa", "modern-tls12-13")) {
            HelloFeaturesCheck.Part part = features(real);
            assertThat(part.judgement().result()).as(real).isEqualTo(Judgement.Result.NOT_VULNERABLE);
            assertThat(part.features()).as(real).hasValueSatisfying(f -> {
                assertThat(f.extendedMasterSecret()).isTrue();
                assertThat(f.alpnRefused()).isFalse();
            });
            assertThat(connections(real, HelloFeaturesCheck.KEY)).as(real).isEqualTo(1);
            assertThat(findings(real)).as(real).doesNotContain("no-extended-master-secret");
            assertThat(part.ocspStapled()).as(real + ": no stapling configured").isFalse();
        }
    }

    @Test
    void eachStackEchoesWhatItImplements() {
        // OpenSSL (s_server, nginx) and GnuTLS implement encrypt-then-MAC; the JDK and BoringSSL do not
        assertThat(feature("openssl").encryptThenMac()).contains(true);
        assertThat(feature("gnutls").encryptThenMac()).contains(true);
        assertThat(feature("nginx").encryptThenMac()).contains(true);
        assertThat(feature("jdk-rsa-ecdsa").encryptThenMac()).contains(false);
        assertThat(feature("mixed-tls10-12").encryptThenMac()).contains(false);
        assertThat(feature("legacy-tls10").encryptThenMac()).contains(false);
        assertThat(feature("legacy-tls10").version()).isEqualTo(ProtocolVersion.TLSv1_0);
        // without a CBC suite accepted there is nothing to say
        assertThat(feature("strong-tls12-ecdsa").encryptThenMac()).isEmpty();
        assertThat(feature("modern-tls12-13").encryptThenMac()).isEmpty();
        assertThat(feature("openssl-seclevel0").encryptThenMac()).isEmpty();
        assertThat(feature("openssl").sessionTicket()).isTrue();
        assertThat(feature("modern-tls12-13").sessionTicket()).isTrue();
        assertThat(feature("strong-tls12-ecdsa").sessionTicket()).isFalse();
        // ALPN, offered on web ports only: a server configured with protocols selects h2 first; elsewhere nothing
        assertThat(feature("openssl-tls12-alpn").alpn()).contains("h2");
        assertThat(features("openssl-tls12-alpn").judgement().reason()).doesNotContain("ALPN not offered");
        for (String notWeb : List.of("openssl-tls12-alpn-not-web", "nginx", "openssl", "gnutls")) {
            assertThat(feature(notWeb).alpn()).as(notWeb).isEmpty();
            assertThat(features(notWeb).judgement().reason()).as(notWeb).endsWith("; ALPN not offered (not a web port)");
        }
    }

    @Test
    void withoutExtendedMasterSecretTheScriptedServersAreVulnerable() {
        HelloFeaturesCheck.Part legacy = features("legacy-3des-rc4");
        assertThat(legacy.judgement().vulnerable()).isTrue();
        assertThat(legacy.features()).hasValueSatisfying(f -> assertThat(f.suite().ianaName())
                .isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertThat(findings("legacy-3des-rc4")).contains("no-extended-master-secret");
        HelloFeaturesCheck.Part refusing = features("alpn-refusing");
        assertThat(refusing.features()).hasValueSatisfying(f -> {
            assertThat(f.alpnRefused()).isTrue();
            assertThat(f.alpn()).isEmpty();
            assertThat(f.extendedMasterSecret()).isFalse();
        });
        assertThat(connections("alpn-refusing", HelloFeaturesCheck.KEY)).as("the hello, then without ALPN")
                .isEqualTo(2);
        HelloFeaturesCheck.Part elsewhere = features("alpn-refusing-not-web");
        assertThat(elsewhere.features()).hasValueSatisfying(f -> assertThat(f.alpnRefused()).isFalse());
        assertThat(elsewhere.judgement().vulnerable()).isTrue();
        assertThat(connections("alpn-refusing-not-web", HelloFeaturesCheck.KEY)).as("no ALPN offered, none refused")
                .isEqualTo(1);
    }

    @Test
    void withoutTls10To12TheFeaturesCheckDoesNotApplyAndCostsNothing() {
        for (String name : List.of("tls13-only", "nginx-tls13", "openssl-tls13-rsa", "openssl-tls13-ed25519")) {
            assertThat(features(name).judgement().result()).as(name).isEqualTo(Judgement.Result.NOT_APPLICABLE);
            assertThat(connections(name, HelloFeaturesCheck.KEY)).as(name).isZero();
        }
        assertThat(signatures("legacy-tls10").judgement().reason()).isEqualTo("TLS 1.2 not accepted");
        assertThat(signatures("legacy-3des-rc4").judgement().result()).as("static RSA signs nothing")
                .isEqualTo(Judgement.Result.NOT_APPLICABLE);
        assertThat(connections("legacy-3des-rc4", SignatureAlgorithmsCheck.KEY)).isZero();
    }

    @Test
    void openSslAtItsDefaultsAndNginxRefuseSha1() {
        for (String name : List.of("openssl", "openssl-tls12-alpn", "nginx")) {
            SignatureAlgorithmsCheck.Part part = signatures(name);
            assertThat(part.judgement().result()).as(name).isEqualTo(Judgement.Result.NOT_VULNERABLE);
            assertThat(signed(part)).as(name).containsExactlyElementsOf(SignatureAlgorithmsCheck.RSA_SCHEMES
                    .subList(0, 6));
            assertThat(outcome(part, SignatureScheme.RSA_PKCS1_SHA1)).isEqualTo(Outcome.REFUSED);
            assertThat(connections(name, SignatureAlgorithmsCheck.KEY)).as(name)
                    .isEqualTo(name.equals("openssl") ? 7 + 5 : 7);
            assertThat(findings(name)).doesNotContain("tls12-sha1-signature");
        }
    }

    @Test
    void stacksThatSignWithSha1WhenOfferedNothingElseAreReported() {
        // true of these stacks at their defaults: a client offering only SHA-1 gets a SHA-1 ServerKeyExchange
        for (String name : List.of("openssl-seclevel0", "gnutls", "mixed-tls10-12")) {
            SignatureAlgorithmsCheck.Part part = signatures(name);
            assertThat(part.judgement().vulnerable()).as(name).isTrue();
            assertThat(signed(part)).as(name).containsExactlyElementsOf(SignatureAlgorithmsCheck.RSA_SCHEMES);
            assertThat(findings(name)).as(name).contains("tls12-sha1-signature");
        }
        // the JDK's servers (in this JVM) sign with SHA-1 unless its jdk.tls.disabledAlgorithms forbids it, as the
        // JDK 17 updates from 2025 on do ("rsa_pkcs1_sha1 usage HandshakeSignature", JDK-8340321)
        boolean jdkRefusesSha1 = String.valueOf(Security.getProperty("jdk.tls.disabledAlgorithms"))
                .contains("rsa_pkcs1_sha1");
        SignatureAlgorithmsCheck.Part modern = signatures("modern-tls12-13");
        assertThat(modern.judgement().vulnerable()).as("modern-tls12-13").isEqualTo(!jdkRefusesSha1);
        assertThat(outcome(modern, SignatureScheme.RSA_PKCS1_SHA1)).isEqualTo(jdkRefusesSha1 ? Outcome.REFUSED
                : Outcome.SIGNED);
        assertThat(signed(modern)).containsAll(SignatureAlgorithmsCheck.RSA_SCHEMES.subList(0, 6));
        SignatureAlgorithmsCheck.Part bc = signatures("strong-tls12-ecdsa");
        assertThat(signed(bc)).containsExactly(SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512,
                SignatureScheme.ECDSA_SHA1);
        assertThat(outcome(bc, SignatureScheme.ED25519)).as("a P-256 key cannot sign Ed25519").isEqualTo(
                Outcome.REFUSED);
        assertThat(connections("strong-tls12-ecdsa", SignatureAlgorithmsCheck.KEY)).isEqualTo(5);
        SignatureAlgorithmsCheck.Part jdk = signatures("jdk-rsa-ecdsa");
        assertThat(jdk.judgement().vulnerable()).isEqualTo(!jdkRefusesSha1);
        assertThat(outcome(jdk, SignatureScheme.ECDSA_SHA1)).isEqualTo(jdkRefusesSha1 ? Outcome.REFUSED
                : Outcome.SIGNED);
        assertThat(outcome(jdk, SignatureScheme.ECDSA_SECP384R1_SHA384)).as("the JDK ties it to P-384 in TLS 1.2 too")
                .isEqualTo(Outcome.REFUSED);
        assertThat(connections("jdk-rsa-ecdsa", SignatureAlgorithmsCheck.KEY)).as("RSA and ECDSA certificates in"
                + " TLS 1.2; in TLS 1.3 the ECDSA one, which the scan's hello (ECDSA schemes first) got").isEqualTo(12 + 2);
    }

    @Test
    void tls13SignsWithRsaPssEcdsaOrEdDsaAndRefusesWhatTls13Forbids() {
        Map<SignatureScheme, Outcome> rsa = new LinkedHashMap<>();
        rsa.put(SignatureScheme.RSA_PSS_RSAE_SHA256, Outcome.SIGNED);
        rsa.put(SignatureScheme.RSA_PSS_RSAE_SHA384, Outcome.SIGNED);
        rsa.put(SignatureScheme.RSA_PSS_RSAE_SHA512, Outcome.SIGNED);
        rsa.put(SignatureScheme.RSA_PKCS1_SHA256, Outcome.REFUSED);
        rsa.put(SignatureScheme.RSA_PKCS1_SHA1, Outcome.REFUSED);
        for (String name : List.of("openssl-tls13-rsa", "openssl", "gnutls", "nginx-tls13", "modern-tls12-13",
                "tls13-only", "boringssl-tls13", "bouncy-castle-tls13")) {
            assertThat(tls13(name)).as(name + ": " + signatures(name).judgement()).containsExactlyEntriesOf(rsa);
        }
        assertThat(tls13("openssl-tls13-ecdsa")).containsExactly(Map.entry(SignatureScheme.ECDSA_SECP256R1_SHA256,
                Outcome.SIGNED), Map.entry(SignatureScheme.ECDSA_SHA1, Outcome.REFUSED));
        // the JDK lists ecdsa_sha1 for TLS 1.3 handshakes too: it signs a TLS 1.3 CertificateVerify with it unless its
        // jdk.tls.disabledAlgorithms forbids "ecdsa_sha1 usage HandshakeSignature" (the JDK 17 updates from 2025 on)
        boolean jdkRefusesEcdsaSha1 = String.valueOf(Security.getProperty("jdk.tls.disabledAlgorithms"))
                .contains("ecdsa_sha1");
        assertThat(tls13("jdk-rsa-ecdsa")).containsExactly(Map.entry(SignatureScheme.ECDSA_SECP256R1_SHA256,
                Outcome.SIGNED), Map.entry(SignatureScheme.ECDSA_SHA1, jdkRefusesEcdsaSha1 ? Outcome.REFUSED
                : Outcome.SIGNED));
        assertThat(findings("jdk-rsa-ecdsa").contains("tls13-forbidden-signature")).isEqualTo(!jdkRefusesEcdsaSha1);
        assertThat(tls13("openssl-tls13-ed25519")).containsExactly(Map.entry(SignatureScheme.ED25519,
                Outcome.SIGNED));
        for (String name : List.of("openssl-tls13-rsa", "openssl-tls13-ecdsa", "openssl-tls13-ed25519", "openssl",
                "nginx-tls13", "tls13-only")) {
            assertThat(signatures(name).judgement().result()).as(name).isEqualTo(Judgement.Result.NOT_VULNERABLE);
        }
        // BoringSSL and Bouncy Castle sign TLS 1.2 with SHA-1 when offered it alone (above), never TLS 1.3; BoringSSL
        // prefers X25519MLKEM768 (a HelloRetryRequest to the scan's first TLS 1.3 offer): its CertificateVerify is read
        // from the scan's one more hello with a share for each group found that it makes one for
        assertThat(scanned.get("boringssl-tls13").tls13Flight()).hasValueSatisfying(f -> {
            assertThat(f.whole()).isTrue();
            assertThat(f.signatureScheme()).contains(SignatureScheme.RSA_PSS_RSAE_SHA256);
        });
        for (String name : List.of("openssl-tls13-rsa", "openssl-tls13-ecdsa", "openssl-tls13-ed25519", "openssl",
                "nginx-tls13", "tls13-only", "boringssl-tls13", "bouncy-castle-tls13")) {
            assertThat(findings(name)).as(name).doesNotContain("tls13-forbidden-signature");
            assertThat(connections(name, SignatureAlgorithmsCheck.KEY)).as(name).isEqualTo(
                    signatures(name).answers().size());
        }
        assertThat(connections("openssl-tls13-rsa", SignatureAlgorithmsCheck.KEY)).isEqualTo(5);
        assertThat(connections("openssl-tls13-ecdsa", SignatureAlgorithmsCheck.KEY)).isEqualTo(2);
        assertThat(connections("openssl-tls13-ed25519", SignatureAlgorithmsCheck.KEY)).isEqualTo(1);
        assertThat(signatures("openssl-tls13-ed25519").judgement().reason()).isEqualTo("TLS 1.2 not accepted"
                + "; TLS 1.3 CertificateVerify signed with ed25519; no scheme TLS 1.3 forbids");
        assertThat(tls13("strong-tls12-ecdsa")).as("TLS 1.2 only").isEmpty();
        assertThat(tls13("nginx")).as("TLS 1.2 only").isEmpty();
    }

    @Test
    void everyPartRoundTripsThroughItsJson() {
        PartJson<HelloFeaturesCheck.Part> f = new HelloFeaturesCheck().json().orElseThrow();
        PartJson<SignatureAlgorithmsCheck.Part> s = new SignatureAlgorithmsCheck().json().orElseThrow();
        scanned.forEach((name, r) -> {
            HelloFeaturesCheck.Part fp = features(name);
            assertThat(f.read(f.write(fp))).as(name).isEqualTo(fp);
            SignatureAlgorithmsCheck.Part sp = signatures(name);
            assertThat(s.read(s.write(sp))).as(name).isEqualTo(sp);
        });
    }

    private static HelloFeaturesCheck.Part features(String name) {
        return new HelloFeaturesCheck().part(scanned.get(name)).orElseThrow(() -> new AssertionError(name
                + ": no hello-features part"));
    }

    private static HelloFeaturesCheck.Features feature(String name) {
        return features(name).features().orElseThrow(() -> new AssertionError(name + ": no ServerHello read"));
    }

    private static SignatureAlgorithmsCheck.Part signatures(String name) {
        return new SignatureAlgorithmsCheck().part(scanned.get(name)).orElseThrow(() -> new AssertionError(name
                + ": no signature-algorithms part"));
    }

    /** The TLS 1.2 schemes signed as offered. */
    private static List<SignatureScheme> signed(SignatureAlgorithmsCheck.Part part) {
        return signed(part, ProtocolVersion.TLSv1_2);
    }

    private static List<SignatureScheme> signed(SignatureAlgorithmsCheck.Part part, ProtocolVersion version) {
        return part.answers().stream().filter(a -> a.version().equals(version) && a.outcome() == Outcome.SIGNED)
                .map(SignatureAlgorithmsCheck.Answer::offered).toList();
    }

    /** The TLS 1.3 answers, scheme offered to outcome. */
    private static Map<SignatureScheme, Outcome> tls13(String name) {
        Map<SignatureScheme, Outcome> out = new LinkedHashMap<>();
        signatures(name).answers().stream().filter(a -> a.version().equals(ProtocolVersion.TLSv1_3))
                .forEach(a -> out.put(a.offered(), a.outcome()));
        return out;
    }

    /** The TLS 1.2 answer to {@code offered}. */
    private static Outcome outcome(SignatureAlgorithmsCheck.Part part, SignatureScheme offered) {
        return part.answers().stream().filter(a -> a.version().equals(ProtocolVersion.TLSv1_2)
                && a.offered().equals(offered)).findFirst().orElseThrow().outcome();
    }

    private static int connections(String name, PartKey<?> key) {
        return scanned.get(name).checks().entries().stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow().connections();
    }

    private static List<String> findings(String name) {
        TargetResult r = scanned.get(name);
        List<String> kinds = new ArrayList<>();
        new HelloFeaturesCheck().part(r).ifPresent(p -> new HelloFeaturesCheck().findings(p, r)
                .forEach(f -> kinds.add(f.kind().label())));
        new SignatureAlgorithmsCheck().part(r).ifPresent(p -> new SignatureAlgorithmsCheck().findings(p, r)
                .forEach(f -> kinds.add(f.kind().label())));
        return kinds;
    }
}
