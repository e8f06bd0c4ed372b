package io.tlsweep.targets.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientHelloReaderTest {

    /** Hand-built TLS 1.2 ClientHello (same vector as HostileTargetsTest). */
    private static final byte[] HELLO = HexFormat.of().parseHex("160301004f0100004b0303"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00"
            + "000ac02fc030009c002f00ff0100"
            + "0018000a000400020017000b00020100000d0006000404010403");

    @Test
    void readsSuitesAndExtensions() {
        ClientHelloSummary hello = ClientHelloReader.read(HELLO).orElseThrow();
        assertEquals(0x0303, hello.clientVersion());
        assertEquals(List.of(0xC02F, 0xC030, 0x009C, 0x002F, 0x00FF), hello.cipherSuites());
        assertEquals(List.of(0x000a, 0x000b, 0x000d), hello.extensionTypes());
        assertTrue(hello.offersRenegotiationInfo());
        assertEquals(HELLO.length - 5, hello.messageLength(), "the handshake header and body, not the record header");
    }

    @Test
    void messageLengthIsWhatTheHeaderDeclaresEvenPastTheRecord() {
        byte[] continued = HELLO.clone();
        continued[5 + 2] = 0x01;
        assertEquals(4 + 0x014b, ClientHelloReader.read(continued).orElseThrow().messageLength());
    }

    @Test
    void readsSupportedVersionsAndIgnoresABrokenList() {
        byte[] withVersions = HexFormat.of().parseHex("16030100360100003203" + "03" + "00".repeat(32) + "00"
                + "00021301" + "0100" + "0007" + "002b0003020304");
        ClientHelloSummary hello = ClientHelloReader.read(withVersions).orElseThrow();
        assertEquals(List.of(0x0304), hello.supportedVersions());
        assertTrue(hello.offersOnlyAbove(0x0303));
        assertTrue(ClientHelloReader.read(HELLO).orElseThrow().supportedVersions().isEmpty());
        byte[] listTooLong = withVersions.clone();
        listTooLong[listTooLong.length - 3] = 0x04;
        assertTrue(ClientHelloReader.read(listTooLong).orElseThrow().supportedVersions().isEmpty());
    }

    @Test
    void everyTruncationIsEmptyNotAnException() {
        for (int len = 0; len < HELLO.length; len++) {
            assertTrue(ClientHelloReader.read(Arrays.copyOf(HELLO, len)).isEmpty(), "length " + len);
        }
    }

    @Test
    void garbageIsEmpty() {
        assertTrue(ClientHelloReader.read("GET / HTTP/1.1\r\n\r\n".getBytes()).isEmpty());
        byte[] badSuiteLength = HELLO.clone();
        badSuiteLength[5 + 4 + 2 + 32 + 1 + 1] = 0x0b;
        assertTrue(ClientHelloReader.read(badSuiteLength).isEmpty());
    }

    @Test
    void serverHelloEchoesSessionAndAddsRenegotiationInfo() {
        ClientHelloSummary hello = ClientHelloReader.read(HELLO).orElseThrow();
        byte[] sh = ServerHelloWriter.tls12(hello, 0x0035);
        assertEquals(0x16, sh[0]);
        assertEquals(sh.length - 5, ((sh[3] & 0xff) << 8) | (sh[4] & 0xff));
        assertEquals(0x02, sh[5]);
        assertEquals(0x0035, ((sh[5 + 4 + 2 + 32 + 1] & 0xff) << 8) | (sh[5 + 4 + 2 + 32 + 2] & 0xff));
        assertEquals(0xff, sh[sh.length - 5] & 0xff);
    }
}
