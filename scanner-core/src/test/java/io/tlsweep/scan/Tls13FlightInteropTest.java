package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.NginxServer;
import io.tlsweep.testing.OpenSslClient;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TLS 1.3 chain and CertificateVerify scheme the scan reads from its own hellos (the encrypted flight
 * decrypted with its own key share) equal what a real handshake sees ({@code openssl s_client}, its chain and
 * the scheme of the CertificateVerify it decrypted), on every TLS 1.3 target of the farm (JDK, and BoringSSL
 * preferring X25519MLKEM768) and on {@code openssl s_server -tls1_3} with an RSA, an ECDSA P-256 and an Ed25519
 * key, and with an RSA key taking secp384r1 only; gnutls-serv and nginx too. The two servers that answer the scan's
 * first TLS 1.3 offer (x25519 and P-256 shares) with a HelloRetryRequest are read from its one more hello with a
 * real share for each group found (X25519MLKEM768's hybrid share among them). The scan (TLS 1.3, its suites and
 * groups) makes no real-stack handshake here: the chain is the scan's alone. A BoringSSL server that takes
 * X25519MLKEM768 alone, which {@code openssl s_client} (OpenSSL 3.0) cannot reach, is read from the hybrid share: its
 * flight whole, its CertificateVerify verified, its leaf issued by the farm's CA.
 */
@ExtendWith(TargetFarmExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Tls13FlightInteropTest {
    /** A TLS 1.3 endpoint, the name the handshakes give, and the scheme its key signs with. */
    private record Endpoint(String name, int port, Optional<String> sni, SignatureScheme expected) {
    }

    /**
     * The farm's BoringSSL target that prefers X25519MLKEM768: it answers the scan's first TLS 1.3 hello (real shares
     * for x25519 and P-256 only) with a HelloRetryRequest for the hybrid; the flight comes from the hello after the
     * groups, with real X25519MLKEM768 and x25519 shares (the groups found, in its order).
     */
    private static final String POST_QUANTUM = "pq-hybrid-tls13";

    /** TLS 1.3 with its suites and groups (the groups tell the one more hello what to offer), no order. */
    private static final ScanOptions TLS13_WITH_GROUPS = new ScanOptions(List.of(ProtocolVersion.TLSv1_3), true,
            false, true);

    private static final String SECP384R1_ONLY = "openssl RSA secp384r1";

    /** A BoringSSL server taking X25519MLKEM768 alone. */
    private static final String PQ_ONLY = "boringssl-mlkem-only";

    private final List<AutoCloseable> servers = new ArrayList<>();
    private TargetFarm pqOnlyFarm;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private Map<String, TargetResult> results;

    @BeforeAll
    void scan(TargetFarm farm) throws Exception {
        OpenSslServer.require();
        for (FarmTarget t : farm.tlsTargets()) {
            if (t.tls().versions().contains(TlsVersion.TLS1_3)) {
                endpoints.add(new Endpoint("farm " + t.name(), t.port(), t.tls().sni().map(s -> s.serverName()),
                        SignatureScheme.RSA_PSS_RSAE_SHA256));
            }
        }
        opensslEndpoint("openssl RSA", OpenSslServer.Key.RSA, SignatureScheme.RSA_PSS_RSAE_SHA256, "-ciphersuites",
                "TLS_AES_128_GCM_SHA256", "-groups", "X25519");
        opensslEndpoint("openssl ECDSA_P256", OpenSslServer.Key.ECDSA_P256, SignatureScheme.ECDSA_SECP256R1_SHA256,
                "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256", "-groups", "P-256");
        opensslEndpoint("openssl ED25519", OpenSslServer.Key.ED25519, SignatureScheme.ED25519, "-ciphersuites",
                "TLS_AES_256_GCM_SHA384", "-groups", "P-256:X25519");
        opensslEndpoint(SECP384R1_ONLY, OpenSslServer.Key.RSA, SignatureScheme.RSA_PSS_RSAE_SHA256, "-groups",
                "secp384r1");
        GnutlsServer gnutls = GnutlsServer.start("NORMAL:-VERS-ALL:+VERS-TLS1.3");
        servers.add(gnutls);
        endpoints.add(new Endpoint("gnutls-serv", gnutls.port(), Optional.empty(),
                SignatureScheme.RSA_PSS_RSAE_SHA256));
        NginxServer nginx = NginxServer.start("ssl_protocols TLSv1.3;");
        servers.add(nginx);
        endpoints.add(new Endpoint("nginx", Integer.parseInt(nginx.hostPort().substring("127.0.0.1:".length())),
                Optional.empty(), SignatureScheme.RSA_PSS_RSAE_SHA256));

        pqOnlyFarm = TargetFarm.start(List.of(TargetSpec.tls(PQ_ONLY).stack(TlsStack.BORINGSSL)
                .versions(TlsVersion.TLS1_3).cipherSuites("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")
                .groups(List.of("X25519MLKEM768")).serverOrder(true).build()));
        servers.add(pqOnlyFarm);

        results = new LinkedHashMap<>();
        List<io.tlsweep.input.Target> targets = new ArrayList<>(endpoints.stream()
                .map(e -> FarmScans.target("127.0.0.1", e.port(), e.sni(), e.name())).toList());
        targets.add(FarmScans.target("127.0.0.1", pqOnlyFarm.target(PQ_ONLY).port(), Optional.empty(), PQ_ONLY));
        FarmScans.scan(targets, TLS13_WITH_GROUPS).forEach(results::put);
    }

    private void opensslEndpoint(String name, OpenSslServer.Key key, SignatureScheme expected, String... args)
            throws Exception {
        List<String> all = new ArrayList<>(List.of("-tls1_3"));
        all.addAll(List.of(args));
        OpenSslServer s = OpenSslServer.start(key, all.toArray(String[]::new));
        servers.add(s);
        endpoints.add(new Endpoint(name, s.port(), Optional.empty(), expected));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    @Test
    void everyTls13EndpointIsHere() {
        assertThat(endpoints).extracting(Endpoint::name).contains("farm tls13-only", "farm modern-tls12-13",
                "farm " + POST_QUANTUM, "openssl RSA", "openssl ECDSA_P256", "openssl ED25519", SECP384R1_ONLY,
                "gnutls-serv", "nginx");
        assertThat(results).hasSize(endpoints.size() + 1);
    }

    /** The groups the one more hello offers: those found, in the server's order, that the scan makes a share for. */
    @Test
    void theServersThatAskedForAnotherGroupHadTheirGroupsFound() {
        assertThat(results.get("farm " + POST_QUANTUM).protocols().get(0).groups())
                .containsExactly(NamedGroup.X25519_MLKEM768, NamedGroup.X25519);
        assertThat(results.get(SECP384R1_ONLY).protocols().get(0).groups()).containsExactly(NamedGroup.SECP384R1);
    }

    /** X25519MLKEM768 alone: the flight is read with the hybrid share's ML-KEM and X25519 secrets. */
    @Test
    void aServerTakingX25519MlKem768AloneIsReadFromTheHybridShare() throws Exception {
        TargetResult r = results.get(PQ_ONLY);
        assertThat(r.status()).isEqualTo(ScanStatus.OK);
        assertThat(r.protocols().get(0).groups()).containsExactly(NamedGroup.X25519_MLKEM768);
        EncryptedFlight flight = r.tls13Flight().orElseThrow(() -> new AssertionError("no flight: " + r.notes()));
        assertThat(flight.problem()).isEmpty();
        assertThat(flight.whole()).isTrue();
        assertThat(flight.signatureScheme()).contains(SignatureScheme.RSA_PSS_RSAE_SHA256);
        assertThat(flight.signature()).isEqualTo(EncryptedFlight.SignatureCheck.VERIFIED);
        java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate)
                java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                        new java.io.ByteArrayInputStream(r.certificateChain().get(0)));
        leaf.verify(pqOnlyFarm.caCertificate().getPublicKey());
    }

    /**
     * A versions-only sweep finds no groups, so it sends no such hello: on the server that prefers the hybrid its
     * flight stays unread, and it reports no chain rather than a wrong one.
     */
    @Test
    void aVersionsOnlySweepLeavesTheHybridPreferringServersFlightUnreadAndSaysNothingWrong(TargetFarm farm) {
        FarmTarget pq = farm.target(POST_QUANTUM);
        TargetResult r = FarmScans.scan(List.of(FarmScans.target("127.0.0.1", pq.port(), Optional.empty(), "pq")),
                ScanOptions.versionsOnly()).get("pq");
        assertThat(r.protocols()).extracting(p -> p.version()).containsExactly(ProtocolVersion.TLSv1_3);
        assertThat(r.tls13Flight()).as("a HelloRetryRequest for X25519MLKEM768, not a flight").isEmpty();
        assertThat(r.certificateChain()).as("no chain rather than a wrong one").isEmpty();
    }

    @Test
    void theScansChainAndSchemeAreWhatARealHandshakeSees() throws Exception {
        for (Endpoint e : endpoints) {
            TargetResult r = results.get(e.name());
            assertThat(r.status()).as(e.name()).isEqualTo(ScanStatus.OK);
            assertThat(r.protocols()).as(e.name()).extracting(p -> p.version())
                    .contains(ProtocolVersion.TLSv1_3);
            OpenSslClient.Seen seen = OpenSslClient.tls13(e.port(), e.sni());

            assertThat(r.certificateChain()).as(e.name() + " chain (flight: " + r.tls13Flight() + ")")
                    .hasSameSizeAs(seen.chain());
            for (int i = 0; i < seen.chain().size(); i++) {
                assertThat(r.certificateChain().get(i)).as(e.name() + " certificate #" + i)
                        .isEqualTo(seen.chain().get(i));
            }
            EncryptedFlight flight = r.tls13Flight().orElseThrow(() -> new AssertionError(e.name() + ": no flight"));
            assertThat(flight.problem()).as(e.name() + " problem").isEmpty();
            assertThat(flight.whole()).as(e.name()).isTrue();
            assertThat(flight.signatureScheme()).as(e.name() + " scheme")
                    .contains(SignatureScheme.of(seen.signatureScheme())).contains(e.expected());
            assertThat(flight.signature()).as(e.name() + " signature")
                    .isEqualTo(EncryptedFlight.SignatureCheck.VERIFIED);
        }
    }
}
