package io.tlsweep.targets;

import static io.tlsweep.targets.TargetSockets.open;
import static io.tlsweep.targets.TargetSockets.readToEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.cert.CertificateSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scripted legacy server on a socket: its manifest, its first flight, its alerts, its closing. */
class ScriptedTargetsTest {

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(DefaultProfiles.scripted());

    /** TLS 1.2 ClientHello offering 0x0005, 0x000A and the SCSV, no extensions (hand-built). */
    static final byte[] TLS12_RC4_3DES = HexFormat.of().parseHex("16030100310100002d0303"
            + "0000000000000000000000000000000000000000000000000000000000000000" + "00"
            + "00060005000a00ff" + "0100");

    /** The same hello as TLS 1.1. */
    static final byte[] TLS11_RC4_3DES = HexFormat.of().parseHex("16030100310100002d0302"
            + "0000000000000000000000000000000000000000000000000000000000000000" + "00"
            + "00060005000a00ff" + "0100");

    @Test
    void manifestStatesVersionsSuitesAndServerOrder(TargetFarm farm) {
        FarmTarget t = farm.target("legacy-3des-rc4");
        TlsExpectation expected = t.tls();
        assertFalse(t.isHostile());
        assertEquals(TlsStack.SCRIPTED, expected.stack());
        assertEquals(List.of(TlsVersion.TLS1_0, TlsVersion.TLS1_2), expected.versions());
        for (VersionFacts facts : expected.perVersion()) {
            assertEquals(List.of(0x000A, 0x0005), facts.codes(), facts.version().label());
            assertEquals(OrderPolicy.SERVER, facts.order());
        }
        assertTrue(expected.sni().isEmpty());
        assertEquals("RSA", expected.certificate().keyAlgorithm());
        assertTrue(t.describe().contains("SCRIPTED"), t.describe());
        assertTrue(expected.summary().contains("not a real TLS stack"), expected.summary());
        assertTrue(expected.summary().contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA(0x000A), TLS_RSA_WITH_RC4_128_SHA"),
                expected.summary());
    }

    @Test
    void firstFlightCarriesTheManifestCertificateThenTheServerCloses(TargetFarm farm) throws Exception {
        FarmTarget t = farm.target("legacy-3des-rc4");
        try (Socket s = open(t)) {
            s.getOutputStream().write(TLS12_RC4_3DES);
            long sent = System.nanoTime();
            byte[] got = readToEnd(s.getInputStream());
            long closedAfterMs = (System.nanoTime() - sent) / 1_000_000;
            assertEquals(0x16, got[0]);
            byte[] handshake = handshakeBytes(got);
            assertEquals(0x02, handshake[0], "ServerHello");
            int serverHelloEnd = 4 + u24(handshake, 1);
            assertEquals(0x000A, u16(handshake, 4 + 2 + 32 + 1 + (handshake[4 + 34] & 0xff)));
            assertEquals(0x0b, handshake[serverHelloEnd], "Certificate");
            int leafLength = u24(handshake, serverHelloEnd + 7);
            byte[] leaf = java.util.Arrays.copyOfRange(handshake, serverHelloEnd + 10, serverHelloEnd + 10 + leafLength);
            assertEquals(t.tls().certificate().sha256Fingerprint(),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf)));
            int doneAt = serverHelloEnd + 4 + u24(handshake, serverHelloEnd + 1);
            assertArrayEquals(new byte[] {0x0e, 0, 0, 0}, java.util.Arrays.copyOfRange(handshake, doneAt, handshake.length));
            long linger = ScriptedTargetSpec.DEFAULT_LINGER.toMillis();
            assertTrue(closedAfterMs >= linger - 200 && closedAfterMs < linger + 2000, "closed after " + closedAfterMs);
        }
    }

    @Test
    void tls11GetsAProtocolVersionAlertAndAClose(TargetFarm farm) throws IOException {
        try (Socket s = open(farm.target("legacy-3des-rc4"))) {
            s.getOutputStream().write(TLS11_RC4_3DES);
            assertArrayEquals(new byte[] {0x15, 0x03, 0x02, 0x00, 0x02, 0x02, 70}, readToEnd(s.getInputStream()));
        }
    }

    @Test
    void specsThatCannotBeScriptedAreRefused() {
        List<String> suites = List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThrows(IllegalArgumentException.class,
                () -> ScriptedTargetSpec.of("x", EnumSet.of(TlsVersion.TLS1_3), suites));
        assertThrows(IllegalArgumentException.class, () -> ScriptedTargetSpec.of("x", Set.of(TlsVersion.TLS1_2),
                List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));
        assertThrows(IllegalArgumentException.class, () -> ScriptedTargetSpec.of("x", Set.of(TlsVersion.TLS1_0),
                List.of("TLS_RSA_WITH_AES_128_GCM_SHA256")));
        assertThrows(IllegalArgumentException.class, () -> new ScriptedTargetSpec("x", "127.0.0.1",
                Set.of(TlsVersion.TLS1_2), suites, CertificateSpec.ecdsaP256(), ScriptedTargetSpec.DEFAULT_LINGER));
        TlsTargetSpec scriptedStack = DefaultProfiles.mixed().toBuilder().stack(TlsStack.SCRIPTED).build();
        assertThrows(IllegalArgumentException.class, () -> TargetFarm.start(List.of(scriptedStack)));
    }

    @Test
    void versionsAndSuitesAreConfigurable() {
        ScriptedTargetSpec rc4Only = ScriptedTargetSpec.of("rc4-only", EnumSet.of(TlsVersion.TLS1_1),
                List.of("TLS_RSA_WITH_RC4_128_SHA"));
        assertEquals(List.of(TlsVersion.TLS1_1), rc4Only.accepted().stream().map(VersionFacts::version).toList());
        assertEquals(List.of(0x0005), rc4Only.accepted().get(0).codes());
        ScriptedTargetSpec mixed = ScriptedTargetSpec.of("gcm-and-3des", EnumSet.of(TlsVersion.TLS1_0,
                TlsVersion.TLS1_2), List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));
        assertEquals(List.of(0x000A), mixed.accepted().get(0).codes(), "GCM needs TLS 1.2");
        assertEquals(List.of(0x009C, 0x000A), mixed.accepted().get(1).codes());
    }

    @Test
    void offVersionSuitesJoinEveryConfiguredVersionInServerOrder() {
        List<String> suites = List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
                "TLS_RSA_WITH_AES_256_CBC_SHA256");
        ScriptedTargetSpec gcmEverywhere = ScriptedTargetSpec.of("gcm-everywhere",
                EnumSet.of(TlsVersion.TLS1_0, TlsVersion.TLS1_2), suites)
                .withOffVersionSuites("TLS_RSA_WITH_AES_128_GCM_SHA256");
        assertEquals(List.of(0x009C, 0x000A), gcmEverywhere.accepted().get(0).codes());
        assertEquals(List.of(0x009C, 0x000A, 0x003D), gcmEverywhere.accepted().get(1).codes());
        ScriptedTargetSpec onlyOffVersion = ScriptedTargetSpec.of("gcm-only", EnumSet.of(TlsVersion.TLS1_0),
                List.of("TLS_RSA_WITH_AES_128_GCM_SHA256"),
                ScriptedQuirks.NONE.withOffVersionSuites(List.of("TLS_RSA_WITH_AES_128_GCM_SHA256")));
        assertEquals(List.of(0x009C), onlyOffVersion.accepted().get(0).codes());
        assertEquals(ScriptedQuirks.NONE, DefaultProfiles.legacy3desRc4().quirks());
    }

    @Test
    void quirksThatCannotHoldAreRefused() {
        ScriptedTargetSpec plain = ScriptedTargetSpec.of("x", EnumSet.of(TlsVersion.TLS1_1, TlsVersion.TLS1_2),
                List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"));
        assertThrows(IllegalArgumentException.class, () -> plain.withOffVersionSuites("TLS_RSA_WITH_RC4_128_SHA"),
                "not configured");
        assertThrows(IllegalArgumentException.class, () -> plain.withOffVersionSuites("TLS_RSA_WITH_AES_128_CBC_SHA"),
                "belongs everywhere already");
        assertThrows(IllegalArgumentException.class, () -> plain.withOffVersionSuites(
                "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertThrows(IllegalArgumentException.class, () -> plain.withMaxOfferedSuites(0));
        assertThrows(IllegalArgumentException.class, () -> plain.withMaxHelloBytes(ScriptedQuirks.SMALLEST_HELLO - 1));
        assertEquals(ScriptedQuirks.SMALLEST_HELLO,
                plain.withMaxHelloBytes(ScriptedQuirks.SMALLEST_HELLO).quirks().maxHelloBytes().getAsInt());
    }

    /** The fragments of consecutive handshake records, joined. */
    private static byte[] handshakeBytes(byte[] records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0; p < records.length; p += 5 + u16(records, p + 3)) {
            assertEquals(0x16, records[p]);
            assertEquals(0x0303, u16(records, p + 1));
            out.write(records, p + 5, u16(records, p + 3));
        }
        return out.toByteArray();
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u24(byte[] b, int at) {
        return ((b[at] & 0xff) << 16) | u16(b, at + 1);
    }
}
