package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.ProfileCheck;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileCatalog;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.profile.ProfileHello;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.testing.RawExchange;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The current clients' profiles, and the ones before them, on farm servers (BoringSSL) chosen to set them apart:
 * the farm's TLS 1.0-only and post-quantum TLS 1.3 targets, a TLS 1.2 ECDHE-GCM one and a TLS 1.2 one with RSA key
 * transport alone. The scan predicts, each profile's own hello confirms, and the two must agree; OpenSSL 3.5's hello,
 * with its X25519MLKEM768 share, is answered by the post-quantum server with that group at once.
 */
class CurrentClientsFarmTest {
    private static final ProfileCatalog BUILT_IN = ProfileFile.builtIn();
    private static final List<ClientProfile> PROFILES = List.of("win11-schannel", "win11-24h2-schannel",
            "win2025-schannel", "java17", "java21", "java25", "openssl-3", "openssl-3.5").stream()
            .map(id -> BUILT_IN.byId(id).orElseThrow()).toList();
    private static final String TLS10 = "legacy-tls10";
    private static final String PQ = "pq-hybrid-tls13";
    private static final String ECDHE_GCM = "ecdhe-gcm-tls12";
    private static final String RSA_ONLY = "rsa-kx-tls12";

    private static TargetFarm farm;
    private static Map<String, TargetResult> scanned;

    @BeforeAll
    static void scan() {
        farm = TargetFarm.start(List.of(DefaultProfiles.legacyTls10(), DefaultProfiles.postQuantumTls13(),
                TargetSpec.tls(ECDHE_GCM).stack(TlsStack.BORINGSSL).versions(TlsVersion.TLS1_2)
                        .cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").build(),
                TargetSpec.tls(RSA_ONLY).stack(TlsStack.BORINGSSL).versions(TlsVersion.TLS1_2)
                        .cipherSuites("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA").build()));
        List<Target> targets = new ArrayList<>();
        for (String name : List.of(TLS10, PQ, ECDHE_GCM, RSA_ONLY)) {
            targets.add(FarmScans.target(farm.target(name), Optional.empty(), name));
        }
        scanned = FarmScans.scan(targets, ScanOptions.full(), PROFILES);
    }

    @AfterAll
    static void stop() {
        if (farm != null) {
            farm.close();
        }
    }

    private static ProfileCheck check(String target, String profile) {
        return ProfileCheck.of(scanned.get(target), PROFILES).stream().filter(c -> c.profile().id().equals(profile))
                .findFirst().orElseThrow();
    }

    @Test
    void everyProfilesOwnHelloGetsWhatWasPredicted() {
        assertThat(scanned).hasSize(4);
        assertThat(PredictionAgreement.disagreements(scanned.values(), PROFILES)).isEmpty();
    }

    @Test
    void theTls10OnlyServerLosesWindows24h2ButNotTheWindows11ThatCameBefore() {
        for (String windows : List.of("win11-24h2-schannel", "win2025-schannel")) {
            // BoringSSL reads supported_versions and refuses a hello that lists none of its versions
            ProfileOutcome o = check(TLS10, windows).predicted();
            assertThat(o.reason()).as(windows + ": " + o.summary()).isEqualTo(Reason.SERVER_REFUSES_VERSION);
            assertThat(ProfileCheck.messageOf(check(TLS10, windows).profile(), o).orElseThrow().code())
                    .as(windows).isEqualTo("0x80090302");
        }
        assertThat(check(TLS10, "win11-schannel").predicted().connects()).isTrue();
        assertThat(check(TLS10, "win11-schannel").predicted().version()).contains(ProtocolVersion.TLSv1_0);
    }

    @Test
    void rsaKeyTransportAloneLosesJava21And25ButNotJava17() {
        for (String java : List.of("java21", "java25")) {
            assertThat(check(RSA_ONLY, java).predicted().reason()).as(java).isEqualTo(Reason.NO_SHARED_SUITE);
            assertThat(check(RSA_ONLY, java).observed().orElseThrow().reason()).as(java).isEqualTo(Reason.REFUSED);
        }
        assertThat(check(RSA_ONLY, "java17").predicted().connects()).isTrue();
        assertThat(check(RSA_ONLY, "win2025-schannel").predicted().connects()).isTrue();
    }

    @Test
    void ecdheGcmKeepsEveryCurrentClient() {
        for (ClientProfile p : PROFILES) {
            assertThat(check(ECDHE_GCM, p.id()).observed()).as(p.id())
                    .contains(ProfileOutcome.connects(ProtocolVersion.TLSv1_2, CipherSuite.of(0xC02F)));
        }
    }

    /**
     * The post-quantum server prefers X25519MLKEM768: OpenSSL 3.5's hello, which carries a share of it, gets a
     * ServerHello with that group at once, no HelloRetryRequest; OpenSSL 3.0's, which does not offer the hybrid, gets
     * x25519.
     */
    @Test
    void openSsl35ConnectsToThePostQuantumServerWithX25519Mlkem768() throws Exception {
        assertThat(check(PQ, "openssl-3.5").predicted().connects()).isTrue();
        assertThat(check(PQ, "openssl-3.5").observed().orElseThrow().version()).contains(ProtocolVersion.TLSv1_3);
        int port = farm.target(PQ).port();
        ServerResponse pq = RawExchange.send(port, ClientHelloEncoder.encode(ProfileHello.of(
                BUILT_IN.byId("openssl-3.5").orElseThrow(), Optional.empty())));
        assertThat(pq).isInstanceOf(ServerHello.class);
        assertThat(((ServerHello) pq).version()).isEqualTo(ProtocolVersion.TLSv1_3);
        assertThat(((ServerHello) pq).keyShareGroup()).contains(NamedGroup.X25519_MLKEM768);
        ServerResponse classic = RawExchange.send(port, ClientHelloEncoder.encode(ProfileHello.of(
                BUILT_IN.byId("openssl-3").orElseThrow(), Optional.empty())));
        assertThat(classic).as("OpenSSL 3.0 does not offer the hybrid: x25519, its share, is taken")
                .isInstanceOf(ServerHello.class);
        assertThat(((ServerHello) classic).keyShareGroup()).contains(NamedGroup.X25519);
    }
}
