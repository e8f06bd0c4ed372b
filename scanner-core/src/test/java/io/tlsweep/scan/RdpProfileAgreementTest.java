package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.prelude.rdp.RdpPrelude;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.ProfileAgreement.Compared;
import io.tlsweep.testing.XrdpServer;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every built-in profile of a Remote Desktop client, its own hello said after the RDP X.224 negotiation, gets from a
 * real xrdp exactly what the prediction from the scan of that xrdp says: xrdp with TLS 1.2 only and ECDHE suites
 * (where the Windows 7 client without the TLS 1.1/1.2 update breaks), with TLS 1.0 to 1.2 and RSA key exchange
 * besides, and with TLS 1.2 and 1.3. The scan is handed every built-in profile, as a run is, and sends only those
 * that apply to RDP endpoints.
 */
class RdpProfileAgreementTest {
    /** The profiles an RDP endpoint gets: those limited to it and those of every endpoint. */
    private static final List<ClientProfile> PROFILES = ProfileFile.builtIn().profiles().stream()
            .filter(p -> p.appliesTo(RdpPrelude.PROTOCOL)).toList();
    private static final List<XrdpServer> SERVERS = new ArrayList<>();
    private static Map<String, TargetResult> scanned;

    @BeforeAll
    static void scan() throws Exception {
        List<Target> targets = new ArrayList<>();
        xrdp(targets, "xrdp-tls12-ecdhe", "ssl_protocols=TLSv1.2",
                "tls_ciphers=ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256");
        // OpenSSL 3 signs TLS 1.0/1.1 handshakes with SHA-1 only at security level 0
        xrdp(targets, "xrdp-tls10-12", "ssl_protocols=TLSv1, TLSv1.1, TLSv1.2",
                "tls_ciphers=ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA:ECDHE-RSA-AES128-SHA:@SECLEVEL=0");
        xrdp(targets, "xrdp-tls12-13", "ssl_protocols=TLSv1.2, TLSv1.3",
                "tls_ciphers=ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384");
        // xrdp listens with a backlog of 2: two connections at once to the one address of all three
        EngineConfig polite = EngineConfig.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5)).targetBudget(Duration.ofSeconds(60)).maxInFlight(8)
                .perHostConnections(2).build();
        scanned = FarmScans.scan(targets, ScanOptions.full(), ProfileFile.builtIn().profiles(), polite);
    }

    private static void xrdp(List<Target> targets, String name, String... tls) throws Exception {
        List<String> globals = new ArrayList<>(List.of("security_layer=tls", "crypt_level=high"));
        globals.addAll(List.of(tls));
        XrdpServer s = XrdpServer.start(globals.toArray(String[]::new));
        SERVERS.add(s);
        String[] hostPort = s.hostPort().split(":");
        targets.add(FarmScans.target(hostPort[0], Integer.parseInt(hostPort[1]), Optional.empty(), name)
                .withPrelude(Optional.of(RdpPrelude.PROTOCOL)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (XrdpServer s : SERVERS) {
            s.close();
        }
    }

    @Test
    void everyRemoteDesktopClientGetsWhatTheScanPredicts() throws Exception {
        assertThat(scanned).hasSize(3);
        for (TargetResult r : scanned.values()) {
            assertThat(r.prelude()).as(r.target().origin()).isPresent();
            assertThat(r.protocols()).as(r.target().origin() + "\n" + logs()).isNotEmpty();
        }
        List<Compared> compared = ProfileAgreement.assertEveryPredictionAgrees(scanned, PROFILES);
        assertThat(compared).hasSize(scanned.size() * PROFILES.size());
        ProfileAgreement.assertNonTrivial(compared, RdpPrelude.PROTOCOL);
    }

    @Test
    void theWindows7ClientWithoutTheUpdateBreaksWhereTls12IsTheOldestVersion() {
        assertThat(broken("xrdp-tls12-ecdhe")).isEqualTo(Map.of("rdp-win7", Reason.SERVER_REFUSES_VERSION));
        assertThat(broken("xrdp-tls10-12")).isEmpty();
        assertThat(broken("xrdp-tls12-13")).as("the updated Windows 7 client has no ECDHE-RSA AES-GCM suite")
                .isEqualTo(Map.of("rdp-win7", Reason.SERVER_REFUSES_VERSION,
                        "rdp-win7-kb3080079", Reason.NO_SHARED_SUITE));
        TargetResult tls13 = scanned.get("xrdp-tls12-13");
        assertThat(tls13.profileHellos().get("rdp-win11").version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(tls13.profileHellos().get("rdp-win10").version()).contains(ProtocolVersion.TLSv1_2);
    }

    private static Map<String, Reason> broken(String origin) {
        return ProfileAgreement.ownClientsPredictedToBreak(scanned.get(origin), RdpPrelude.PROTOCOL);
    }

    private static String logs() throws Exception {
        StringBuilder b = new StringBuilder();
        for (XrdpServer s : SERVERS) {
            b.append(s.logs());
        }
        return b.toString();
    }
}
