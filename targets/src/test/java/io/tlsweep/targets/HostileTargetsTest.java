package io.tlsweep.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.hostile.HostileReplies;
import io.tlsweep.targets.hostile.UnofferedSuiteRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each hostile target, met by a plain socket that sends a minimal TLS 1.2 ClientHello. */
class HostileTargetsTest {

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(DefaultProfiles.hostile());

    /** TLS 1.2 ClientHello offering C02F, C030, 009C, 002F and the renegotiation SCSV (hand-built). */
    static final byte[] CLIENT_HELLO = HexFormat.of().parseHex("160301004f0100004b0303"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00"
            + "000ac02fc030009c002f00ff0100"
            + "0018000a000400020017000b00020100000d0006000404010403");
    static final List<Integer> OFFERED = List.of(0xC02F, 0xC030, 0x009C, 0x002F, 0x00FF);

    @Test
    void closedPortRefusesConnections(TargetFarm farm) {
        assertThrows(ConnectException.class, () -> open(farm, Behaviour.CLOSED_PORT).close());
    }

    /**
     * The closed port lies below Linux's ephemeral ports, so no client connection of the same machine takes it as
     * its source port (a connection to it from itself would read its own bytes back instead of being refused).
     */
    @Test
    void theClosedPortIsNoEphemeralPort(TargetFarm farm) throws IOException {
        int firstEphemeral;
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            firstEphemeral = Integer.parseInt(r.readLine().trim().split("\\s+")[0]);
        }
        int port = farm.target(DefaultProfiles.hostileName(Behaviour.CLOSED_PORT)).port();
        org.junit.jupiter.api.Assertions.assertTrue(port >= 10_000 && port < firstEphemeral,
                "closed port " + port + ", ephemeral ports from " + firstEphemeral);
    }

    @Test
    void silentServerNeverAnswers(TargetFarm farm) throws IOException {
        try (Socket s = open(farm, Behaviour.SILENT)) {
            s.getOutputStream().write(CLIENT_HELLO);
            s.setSoTimeout(1000);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
        }
    }

    @Test
    void resetAfterAccept(TargetFarm farm) {
        // the RST may already be there when connect() finishes, or arrive before the first read
        SocketException e = assertThrows(SocketException.class, () -> {
            try (Socket s = open(farm, Behaviour.RESET_AFTER_ACCEPT)) {
                s.getInputStream().read();
            }
        });
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
    }

    @Test
    void resetOnHello(TargetFarm farm) throws IOException {
        try (Socket s = open(farm, Behaviour.RESET_ON_HELLO)) {
            s.getOutputStream().write(CLIENT_HELLO);
            SocketException e = assertThrows(SocketException.class, () -> s.getInputStream().read());
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
        }
    }

    @Test
    void garbageThenClose(TargetFarm farm) throws IOException {
        assertArrayEquals(HostileReplies.GARBAGE, helloAndReadToEnd(farm, Behaviour.GARBAGE));
    }

    @Test
    void httpBadRequest(TargetFarm farm) throws IOException {
        String reply = new String(helloAndReadToEnd(farm, Behaviour.HTTP), StandardCharsets.US_ASCII);
        assertTrue(reply.startsWith("HTTP/1.1 400 Bad Request\r\n"), reply);
    }

    @Test
    void sshBannerOnConnect(TargetFarm farm) throws IOException {
        try (Socket s = open(farm, Behaviour.SSH_BANNER)) {
            byte[] banner = s.getInputStream().readNBytes(HostileReplies.SSH_BANNER.length);
            assertEquals("SSH-2.0-OpenSSH_9.2p1\r\n", new String(banner, StandardCharsets.US_ASCII));
            s.getOutputStream().write(CLIENT_HELLO);
            assertEquals(-1, s.getInputStream().read(), "closes once the client talks TLS");
        }
    }

    @Test
    void slowDripSendsAboutOneBytePerSecond(TargetFarm farm) throws IOException, InterruptedException {
        try (Socket s = open(farm, Behaviour.SLOW_DRIP)) {
            s.getOutputStream().write(CLIENT_HELLO);
            InputStream in = s.getInputStream();
            assertEquals(0x16, in.read(), "first byte of a handshake record at once");
            Thread.sleep(2500);
            int more = in.available();
            assertTrue(more >= 1 && more <= 3, "bytes after 2.5 s: " + more);
        }
    }

    @Test
    void truncatedRecordThenClose(TargetFarm farm) throws IOException {
        byte[] got = helloAndReadToEnd(farm, Behaviour.TRUNCATED_RECORD);
        assertEquals(0x16, got[0]);
        int announced = ((got[3] & 0xff) << 8) | (got[4] & 0xff);
        assertEquals(HostileReplies.TRUNCATED_ANNOUNCED_LENGTH, announced);
        assertTrue(got.length - 5 < announced, "fewer bytes than announced: " + (got.length - 5));
    }

    @Test
    void oversizedRecordLength(TargetFarm farm) throws IOException {
        byte[] got = helloAndReadToEnd(farm, Behaviour.OVERSIZED_RECORD);
        int length = ((got[3] & 0xff) << 8) | (got[4] & 0xff);
        assertEquals(0x16, got[0]);
        assertTrue(length > (1 << 14) + 2048, "record length " + length);
    }

    @Test
    void fatalHandshakeFailureAlert(TargetFarm farm) throws IOException {
        assertArrayEquals(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40},
                helloAndReadToEnd(farm, Behaviour.ALERT_ONLY));
    }

    @Test
    void closeNotifyAlert(TargetFarm farm) throws IOException {
        assertArrayEquals(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00},
                helloAndReadToEnd(farm, Behaviour.CLOSE_NOTIFY));
    }

    @Test
    void serverHelloWithSuiteNotOffered(TargetFarm farm) throws IOException {
        try (Socket s = open(farm, Behaviour.UNOFFERED_SUITE)) {
            s.getOutputStream().write(CLIENT_HELLO);
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(5);
            assertEquals(0x16, header[0]);
            byte[] body = in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
            assertEquals(0x02, body[0], "ServerHello");
            assertEquals(0x0303, ((body[4] & 0xff) << 8) | (body[5] & 0xff));
            int sidLen = body[4 + 2 + 32] & 0xff;
            int at = 4 + 2 + 32 + 1 + sidLen;
            int suite = ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
            assertFalse(OFFERED.contains(suite), "chosen suite was offered: " + suite);
            assertEquals(UnofferedSuiteRule.choose(OFFERED), suite);
            assertEquals(0x0035, suite);
        }
    }

    @Test
    void everyBehaviourHasATargetAndTheManifestSaysWhich(TargetFarm farm) {
        for (Behaviour b : Behaviour.values()) {
            FarmTarget t = farm.target(DefaultProfiles.hostileName(b));
            assertEquals(b, ((HostileExpectation) t.expected()).behaviour());
            assertEquals("127.0.0.1", t.host());
        }
    }

    private static Socket open(TargetFarm farm, Behaviour behaviour) throws IOException {
        FarmTarget target = farm.target(DefaultProfiles.hostileName(behaviour));
        Socket s = new Socket();
        try {
            s.connect(target.address(), 2000);
            s.setSoTimeout(5000);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Sends the hello and reads until the server closes (at most 5 s, at most 64 KiB). */
    private static byte[] helloAndReadToEnd(TargetFarm farm, Behaviour behaviour) throws IOException {
        try (Socket s = open(farm, behaviour)) {
            s.getOutputStream().write(CLIENT_HELLO);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + 5_000_000_000L;
            int n;
            while (got.size() < 65536 && System.nanoTime() < deadline && (n = s.getInputStream().read(buffer)) >= 0) {
                got.write(buffer, 0, n);
            }
            return Arrays.copyOf(got.toByteArray(), got.size());
        }
    }
}
