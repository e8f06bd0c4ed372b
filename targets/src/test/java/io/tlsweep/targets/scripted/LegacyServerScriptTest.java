package io.tlsweep.targets.scripted;

import static io.tlsweep.targets.scripted.Hellos.SCSV;
import static io.tlsweep.targets.scripted.Hellos.hello;
import static io.tlsweep.targets.scripted.Hellos.helloWithSupportedVersions;
import static io.tlsweep.targets.scripted.Hellos.messages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.hostile.ClientHelloReader;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The legacy-3des-rc4 script (TLS 1.0 and 1.2; 0x000A then 0x0005 in server order) fed raw ClientHellos. */
class LegacyServerScriptTest {

    private static final byte[] LEAF = {0x30, 0x03, 0x02, 0x01, 0x07};
    private static final LegacyServerScript SCRIPT = new LegacyServerScript(
            DefaultProfiles.legacy3desRc4().accepted(), List.of(LEAF));

    /** TLS 1.2 ClientHello offering C02F, C030, 009C, 002F and the SCSV (the vector of HostileTargetsTest). */
    private static final byte[] MODERN_TLS12_HELLO = HexFormat.of().parseHex("160301004f0100004b0303"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00"
            + "000ac02fc030009c002f00ff0100"
            + "0018000a000400020017000b00020100000d0006000404010403");

    @Test
    void tls12OfferingRc4Then3desGets3desInServerOrder() {
        List<Hellos.Message> flight = flight(hello(0x0303, 0x0005, 0x000A));
        Hellos.Message serverHello = flight.get(0);
        assertEquals(0x02, serverHello.type());
        assertEquals(0x0303, serverHello.u16(0));
        assertEquals(0x000A, suite(serverHello));
        assertEquals(0x0b, flight.get(1).type(), "Certificate");
        assertArrayEquals(LEAF, Hellos.certificates(flight.get(1)).get(0));
        assertEquals(1, Hellos.certificates(flight.get(1)).size());
        assertEquals(0x0e, flight.get(2).type(), "ServerHelloDone");
        assertEquals(0, flight.get(2).body().length);
        assertEquals(3, flight.size(), "no ServerKeyExchange with static RSA");
    }

    @Test
    void clientOrderDoesNotMatter() {
        assertEquals(0x000A, suite(flight(hello(0x0303, 0x000A, 0x0005)).get(0)));
        assertEquals(0x0005, suite(flight(hello(0x0303, 0xC02F, 0x0005)).get(0)));
    }

    @Test
    void onlyModernSuitesGetAFatalHandshakeFailure() {
        assertAlert(0x0303, LegacyServerScript.HANDSHAKE_FAILURE, hello(0x0303, 0xC02F));
        assertAlert(0x0303, LegacyServerScript.HANDSHAKE_FAILURE, MODERN_TLS12_HELLO);
    }

    @Test
    void tls11IsNotConfiguredSoProtocolVersion() {
        assertAlert(0x0302, LegacyServerScript.PROTOCOL_VERSION, hello(0x0302, 0x000A, 0x0005));
    }

    @Test
    void sslv3IsBelowEverythingSoProtocolVersion() {
        assertAlert(0x0300, LegacyServerScript.PROTOCOL_VERSION, hello(0x0300, 0x000A, 0x0005));
    }

    @Test
    void tls10GetsATls10ServerHello() {
        byte[] answer = SCRIPT.answer(ClientHelloReader.read(hello(0x0301, 0x0005, SCSV)).orElseThrow()).bytes();
        assertEquals(0x0301, ((answer[1] & 0xff) << 8) | (answer[2] & 0xff), "record version");
        Hellos.Message serverHello = messages(answer).get(0);
        assertEquals(0x0301, serverHello.u16(0));
        assertEquals(0x0005, suite(serverHello));
    }

    @Test
    void aVersionAboveTls12IsAnsweredWithTls12() {
        assertEquals(0x0303, flight(hello(0x0304, 0x000A)).get(0).u16(0));
    }

    @Test
    void aTls13OnlyHelloGetsProtocolVersion() {
        assertAlert(0x0303, LegacyServerScript.PROTOCOL_VERSION,
                helloWithSupportedVersions(List.of(0x0304), 0x1301, 0x1302));
        assertAlert(0x0303, LegacyServerScript.PROTOCOL_VERSION,
                helloWithSupportedVersions(List.of(0x7a7a, 0x0304), 0x1301, 0x000A));
    }

    @Test
    void supportedVersionsWithTls12IsOtherwiseIgnored() {
        assertEquals(0x0303, flight(helloWithSupportedVersions(List.of(0x0304, 0x0303), 0x1301, 0x000A)).get(0)
                .u16(0));
    }

    @Test
    void renegotiationInfoOnlyWhenTheClientSignalledIt() {
        Hellos.Message withScsv = flight(hello(0x0303, 0x000A, SCSV)).get(0);
        byte[] body = withScsv.body();
        assertArrayEquals(new byte[] {0x00, 0x05, (byte) 0xff, 0x01, 0x00, 0x01, 0x00},
                java.util.Arrays.copyOfRange(body, body.length - 7, body.length));
        Hellos.Message without = flight(hello(0x0303, 0x000A)).get(0);
        assertEquals(2 + 32 + 1 + 2 + 1, without.body().length, "no extensions block");
    }

    private static List<Hellos.Message> flight(byte[] clientHello) {
        LegacyServerScript.Answer answer = SCRIPT.answer(ClientHelloReader.read(clientHello).orElseThrow());
        assertFalse(answer.refused());
        return messages(answer.bytes());
    }

    private static void assertAlert(int recordVersion, int description, byte[] clientHello) {
        LegacyServerScript.Answer answer = SCRIPT.answer(ClientHelloReader.read(clientHello).orElseThrow());
        assertTrue(answer.refused());
        assertArrayEquals(new byte[] {0x15, (byte) (recordVersion >> 8), (byte) recordVersion, 0x00, 0x02, 0x02,
            (byte) description}, answer.bytes());
    }

    /** The suite of a ServerHello body: after version, random and the session id. */
    private static int suite(Hellos.Message serverHello) {
        int sidLength = serverHello.body()[34] & 0xff;
        return serverHello.u16(35 + sidLength);
    }
}
