package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileHello;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.report.ResultJson;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.CipherSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every built-in client profile's own hello gets from every well-behaved farm target and from real
 * {@code openssl s_server} configurations exactly what the prediction from the scan says; a wrong prediction is
 * reported as a finding.
 */
@ExtendWith(TargetFarmExtension.class)
class ProfileAgreementTest {
    /**
     * The built-in profiles of endpoints where TLS starts on connect; the RDP and SQL Server clients are held against
     * their services in {@link RdpProfileAgreementTest} and {@link TdsProfileAgreementTest}.
     */
    private static final List<ClientProfile> PROFILES = ProfileFile.builtIn().profiles().stream()
            .filter(p -> p.appliesTo("")).toList();
    /** None of these servers is silent; a generous timeout keeps a loaded two-core machine from failing a hello. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final List<OpenSslServer> SERVERS = new ArrayList<>();
    private static final List<Target> TARGETS = new ArrayList<>();
    private static Map<String, TargetResult> scanned;

    @BeforeAll
    static void scan(TargetFarm farm) throws Exception {
        for (FarmTarget t : farm.tlsTargets()) {
            TARGETS.add(FarmScans.target(t, t.tls().sni().map(s -> s.serverName()), t.name()));
        }
        OpenSslServer.require();
        openssl(TARGETS, "openssl-tls10-serverpref", "-tls1", "-cipher",
                "ECDHE-RSA-AES256-SHA:AES128-SHA:DES-CBC3-SHA:@SECLEVEL=0", "-serverpref");
        openssl(TARGETS, "openssl-tls12-clientpref", "-tls1_2", "-cipher",
                "AES128-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256");
        openssl(TARGETS, "openssl-tls12-13", "-no_tls1", "-no_tls1_1", "-cipher",
                "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA", "-ciphersuites",
                "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256", "-serverpref", "-groups", "P-384:X25519");
        scanned = FarmScans.scan(TARGETS, ScanOptions.full(), PROFILES, FarmScans.config(READ_TIMEOUT));
    }

    private static void openssl(List<Target> targets, String name, String... args) throws Exception {
        OpenSslServer s = OpenSslServer.start(args);
        SERVERS.add(s);
        targets.add(FarmScans.target("127.0.0.1", s.port(), Optional.empty(), name));
    }

    @AfterAll
    static void stop() {
        SERVERS.forEach(OpenSslServer::close);
    }

    @Test
    void predictionAndConfirmationAgreeForEveryProfileOnEveryTarget() {
        assertThat(scanned).hasSizeGreaterThanOrEqualTo(8);
        int compared = ProfileAgreement.assertEveryPredictionAgrees(scanned, PROFILES).size();
        long withoutSni = PROFILES.stream().filter(p -> !p.sni().value()).count();
        long sniTargets = scanned.values().stream().filter(r -> r.target().sni().isPresent()).count();
        assertThat(compared).isEqualTo(scanned.size() * PROFILES.size() - withoutSni * sniTargets);
    }

    /**
     * Profiles only: one connection per distinct hello among the profiles (fewer than the profiles), and for every
     * profile the outcome it got after the scan.
     */
    @Test
    void profilesOnlyOpensOneConnectionPerDistinctHelloAndGivesEveryProfileItsOutcome() {
        Map<String, TargetResult> only = new LinkedHashMap<>();
        try (TlsScanner scanner = new TlsScanner(FarmScans.config(READ_TIMEOUT), ScanOptions.full(), PROFILES, true)) {
            scanner.scan(TARGETS.iterator(), r -> only.put(r.target().origin(), r)).join();
        }
        assertThat(only.keySet()).containsExactlyInAnyOrderElementsOf(scanned.keySet());
        only.forEach((name, r) -> {
            assertThat(r.connections()).as(name).isEqualTo(ProfileHello.distinct(PROFILES, r.target().sni()).size())
                    .isEqualTo(23).isLessThan(PROFILES.size());
            assertThat(r.profileHellos()).as(name).containsOnlyKeys(PROFILES.stream().map(ClientProfile::id).toList())
                    .isEqualTo(scanned.get(name).profileHellos());
        });
    }

    @Test
    void everyProfileConnectsSomewhereAndFailsSomewhere() {
        for (ClientProfile p : PROFILES) {
            List<Boolean> connects = scanned.values().stream()
                    .map(r -> r.profileHellos().get(p.id()).connects()).toList();
            assertThat(connects).as(p.id()).contains(true);
        }
    }

    @Test
    void aWrongPredictionIsReportedAsAFinding() {
        TargetResult real = scanned.get("order-server");
        ProtocolSupport best = real.protocols().get(real.protocols().size() - 1);
        List<CipherSuite> reversed = new ArrayList<>(best.cipherSuites());
        Collections.reverse(reversed);
        ProtocolSupport wrong = new ProtocolSupport(best.version(), reversed, PreferenceOrder.SERVER, false,
                best.groups(), best.dhPrimeBits(), true, best.refusal());
        List<ProtocolSupport> protocols = new ArrayList<>(real.protocols());
        protocols.set(protocols.size() - 1, wrong);
        TargetResult claimed = new TargetResult(real.target(), real.address(), real.status(), real.failure(),
                protocols, real.refusals(), real.groups(), real.certificateChain(), false, real.notes(),
                real.profileHellos(), real.connections(), 1);
        ClientImpact impact = ClientImpact.of(claimed, PROFILES, Optional.empty());
        assertThat(impact.disagreements()).isNotEmpty();
        ResultJson line = ResultJson.of(claimed, Readiness.assess(claimed, impact), Optional.empty(), Optional.empty(),
                List.of(), impact);
        assertThat(line.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(ResultJson.PROFILE_DISAGREES);
            assertThat(f.detail()).contains("predicted " + best.version().displayName() + " "
                    + reversed.get(0).ianaName());
        });
        assertThat(line.profiles()).anySatisfy(p -> assertThat(p.agrees()).isFalse());
    }
}
