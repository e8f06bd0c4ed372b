package io.tlsweep.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.cert.CertificateSpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The programmatic API: start, restart on the same port, refusals, accept counts, CA export, close. */
class TargetFarmTest {

    @Test
    void restartKeepsThePortAndChangesTheFacts() {
        try (TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.serverOrdered()))) {
            FarmTarget before = farm.target("order-server");
            assertEquals(List.of(TlsVersion.TLS1_2), before.tls().versions());
            TlsTargetSpec widened = DefaultProfiles.serverOrdered().toBuilder()
                    .addVersion(TlsVersion.TLS1_0)
                    .addCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")
                    .removeCipherSuite("TLS_RSA_WITH_AES_128_GCM_SHA256")
                    .build();
            FarmTarget after = farm.restart("order-server", widened);
            assertEquals(before.port(), after.port());
            assertEquals(List.of(TlsVersion.TLS1_0, TlsVersion.TLS1_2), after.tls().versions());
            assertEquals(List.of(0xC013), after.tls().at(TlsVersion.TLS1_0).orElseThrow().codes());
            assertEquals(4, after.tls().suitesAt(TlsVersion.TLS1_2).size());
            OpensslClient openssl = OpensslClient.find().orElseThrow(() -> new AssertionError(
                    "openssl binary not found on PATH: `sh scripts/test-deps.sh` installs it"));
            assertTrue(openssl.handshake(after, TlsVersion.TLS1_0, List.of("ECDHE-RSA-AES128-SHA"), null, false)
                    .connected());
        }
    }

    @Test
    void stoppedTargetRefusesConnections() throws Exception {
        try (TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.tls13Only()))) {
            FarmTarget target = farm.target("tls13-only");
            try (Socket s = new Socket()) {
                s.connect(target.address(), 2000);
            }
            farm.stop("tls13-only");
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(target.address(), 2000);
                }
            });
            assertTrue(farm.targets().isEmpty());
        }
    }

    @Test
    void eachTargetCountsTheConnectionsItAccepted() throws Exception {
        try (TargetFarm farm = TargetFarm.start(List.of(PreludeTargetSpec.smtp("counted", "counted",
                DefaultProfiles.mixed().toBuilder().name("counted-tls").build()), DefaultProfiles.tls13Only()))) {
            FarmTarget counted = farm.target("counted");
            assertEquals(0, farm.acceptedConnections("counted"));
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket()) {
                    s.connect(counted.address(), 2000);
                    s.setSoTimeout(5000);
                    // the greeting is written once the connection's pipeline is set up, after it was counted
                    InputStream in = s.getInputStream();
                    assertEquals('2', in.read());
                }
            }
            assertEquals(3, farm.acceptedConnections("counted"));
            assertEquals(0, farm.acceptedConnections("tls13-only"), "another target's connections are its own");
        }
    }

    @Test
    void refusesWhatAStackCannotServe() {
        TlsTargetSpec jdkTls10 = DefaultProfiles.legacyTls10().toBuilder().stack(TlsStack.JDK).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetFarm.start(List.of(jdkTls10)));
        assertTrue(e.getMessage().contains("TLSv1"), e.getMessage());
        TlsTargetSpec boring3des = DefaultProfiles.legacyTls10().toBuilder()
                .addCipherSuite("TLS_RSA_WITH_3DES_EDE_CBC_SHA").build();
        assertThrows(IllegalArgumentException.class, () -> TargetFarm.start(List.of(boring3des)));
        TlsTargetSpec ecdsaOnRsa = DefaultProfiles.strongTls12Ecdsa().toBuilder()
                .certificate(CertificateSpec.rsa2048()).build();
        assertThrows(IllegalArgumentException.class, () -> TargetFarm.start(List.of(ecdsaOnRsa)));
        TlsTargetSpec jdkGroups = DefaultProfiles.tls13Only().toBuilder().groups(List.of("X25519MLKEM768")).build();
        e = assertThrows(IllegalArgumentException.class, () -> TargetFarm.start(List.of(jdkGroups)));
        assertTrue(e.getMessage().contains("configured groups"), e.getMessage());
    }

    @Test
    void bindsLoopbackOnlyAndNamesAreUnique() {
        assertThrows(IllegalArgumentException.class,
                () -> DefaultProfiles.mixed().toBuilder().bindAddress("0.0.0.0").build());
        assertThrows(IllegalArgumentException.class,
                () -> TargetFarm.start(List.of(DefaultProfiles.mixed(), DefaultProfiles.mixed())));
    }

    @Test
    void otherLoopbackAddressesWork() throws Exception {
        TargetSpec spec = new HostileTargetSpec("silent-127-0-0-2", "127.0.0.2", Behaviour.SILENT,
                HostileTargetSpec.DEFAULT_LIFETIME);
        try (TargetFarm farm = TargetFarm.start(List.of(spec)); Socket s = new Socket()) {
            s.connect(farm.target("silent-127-0-0-2").address(), 2000);
            assertEquals("127.0.0.2", s.getInetAddress().getHostAddress());
        }
    }

    @Test
    void caPemVerifiesTheLeaves(@TempDir Path dir) throws Exception {
        try (TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.mixed()))) {
            Path pem = farm.writeCaCertificate(dir.resolve("ca.pem"));
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Files.readString(pem).getBytes(StandardCharsets.US_ASCII)));
            assertEquals(farm.caCertificate(), ca);
            X509Certificate leaf = farm.caCertificate();
            assertEquals(ca.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253),
                    farm.target("mixed-tls10-12").tls().certificate().issuer());
            leaf.verify(ca.getPublicKey());
            assertTrue(ca.getBasicConstraints() >= 0, "CA certificate");
        }
    }

    @Test
    void hostileConnectionsEndWithinTheirLifetime() throws Exception {
        TargetSpec spec = TargetSpec.hostile("short-silent", Behaviour.SILENT)
                .withMaxLifetime(java.time.Duration.ofMillis(300));
        try (TargetFarm farm = TargetFarm.start(List.of(spec)); Socket s = new Socket()) {
            s.connect(farm.target("short-silent").address(), 2000);
            s.setSoTimeout(3000);
            assertEquals(-1, s.getInputStream().read(), "server closed the silent connection");
        }
    }

    @Test
    void closeIsIdempotentAndDescribeListsEveryTarget() {
        TargetFarm farm = TargetFarm.startDefault();
        List<String> lines = farm.describe();
        assertEquals(DefaultProfiles.all().size(), lines.size());
        assertTrue(lines.get(0).contains("127.0.0.1:"), lines.get(0));
        assertFalse(farm.tlsTargets().isEmpty());
        farm.close();
        farm.close();
        assertThrows(IllegalStateException.class, () -> farm.add(DefaultProfiles.mixed()));
    }
}
