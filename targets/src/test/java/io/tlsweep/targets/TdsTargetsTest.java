package io.tlsweep.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scripted SQL Server front on a socket: its PRELOGIN response byte for byte; a JDK client's TLS handshake
 * carried in TDS packets (type 0x12) both ways, then bare TLS records carrying a LOGIN7 and its LOGINACK; a
 * client without TLS turned away by a server that forces it; and a first packet that is no PRELOGIN.
 */
class TdsTargetsTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            TdsTargetSpec.of("tds-front", 11, 0, 2100, TdsTargetSpec.Encryption.OFF,
                    DefaultProfiles.mixed().toBuilder().name("tds-front-tls").build()),
            TdsTargetSpec.of("tds-forced", 15, 0, 2000, TdsTargetSpec.Encryption.REQ,
                    DefaultProfiles.mixed().toBuilder().name("tds-forced-tls").build()),
            TdsTargetSpec.of("tds-2022", 16, 0, 1000, TdsTargetSpec.Encryption.OFF,
                    DefaultProfiles.mixed().toBuilder().name("tds-2022-tls").build()).servingStrict(),
            TdsTargetSpec.of("tds-2022-strict-only", 16, 0, 1000, TdsTargetSpec.Encryption.OFF,
                    DefaultProfiles.mixed().toBuilder().name("tds-2022-strict-only-tls").build()).strictOnly()));

    /** A PRELOGIN as [MS-TDS] 4.1 lays it out, with ENCRYPTION {@code %02x}. */
    private static final String PRELOGIN = "1201002f00000100" + "00001a0006" + "0100200001" + "0200210001"
            + "0300220004" + "0400260001" + "ff" + "090000000000" + "%02x" + "00" + "00000000" + "00";

    @Test
    void thePreloginResponseGivesTheVersionAndTheAnswer(TargetFarm farm) throws Exception {
        try (Socket s = open(farm.target("tds-front"))) {
            s.getOutputStream().write(prelogin(0x00));
            assertArrayEquals(HexFormat.of().parseHex("0401002b00000100" + "00001a0006" + "0100200001" + "0200210001"
                    + "0300220000" + "0400220001" + "ff" + "0b0008340000" + "00" + "00" + "00"),
                    packet(s.getInputStream()), "11.0.2100, ENCRYPT_OFF to a client saying OFF");
        }
    }

    @Test
    void aJdkClientHandshakesInsideTdsPacketsThenLogsInOverBareTls(TargetFarm farm) throws Exception {
        FarmTarget t = farm.target("tds-front");
        try (Socket s = open(t)) {
            s.getOutputStream().write(prelogin(0x01));
            byte[] response = packet(s.getInputStream());
            assertEquals(0x01, response[8 + 32], "ENCRYPT_ON to a client saying ON");
            SSLEngine engine = trusting(farm).createSSLEngine("localhost", t.port());
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {"TLSv1.2"});
            TlsOverTds tls = new TlsOverTds(engine, s);
            tls.handshake();
            assertEquals("TLSv1.2", engine.getSession().getProtocol());
            assertTrue(t.tls().suitesAt(TlsVersion.TLS1_2).stream().anyMatch(x -> x.ianaName().equals(
                    engine.getSession().getCipherSuite())), engine.getSession().getCipherSuite());
            byte[] login7 = HexFormat.of().parseHex("1001001000000100" + "08000000" + "04000074");
            byte[] answer = tls.exchangeBare(login7);
            assertEquals(0x04, answer[0], "a tabular result");
            assertEquals((byte) 0xAD, answer[8], "LOGINACK");
            assertArrayEquals(HexFormat.of().parseHex("74000004"), Arrays.copyOfRange(answer, 12, 16),
                    "the TDS version the LOGIN7 asked for");
        }
    }

    @Test
    void aServerThatForcesEncryptionTurnsAClientWithoutTlsAway(TargetFarm farm) throws Exception {
        try (Socket s = open(farm.target("tds-forced"))) {
            s.getOutputStream().write(prelogin(0x02));
            byte[] response = packet(s.getInputStream());
            assertEquals(0x03, response[8 + 32], "ENCRYPT_REQ");
            assertEquals(-1, s.getInputStream().read(), "then the server closes");
        }
    }

    @Test
    void aFirstPacketThatIsNoPreloginIsClosed(TargetFarm farm) throws Exception {
        try (Socket s = open(farm.target("tds-forced"))) {
            s.getOutputStream().write(HexFormat.of().parseHex("0101000900000100" + "00"));
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void aStrictFrontTakesTlsFirstWithAlpnThenPreloginAndLoginInsideIt(TargetFarm farm) throws Exception {
        FarmTarget t = farm.target("tds-2022");
        try (SSLSocket s = (SSLSocket) trusting(farm).getSocketFactory().createSocket(t.host(), t.port())) {
            s.setSoTimeout(10_000);
            SSLParameters parameters = s.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"tds/8.0"});
            parameters.setProtocols(new String[] {"TLSv1.2"});
            s.setSSLParameters(parameters);
            s.startHandshake();
            assertEquals("tds/8.0", s.getApplicationProtocol(), "ALPN tds/8.0 selected");
            s.getOutputStream().write(prelogin(0x00));
            byte[] response = packet(s.getInputStream());
            assertEquals(0x04, response[0], "the PRELOGIN response, inside TLS");
            assertArrayEquals(new byte[] {16, 0, 0x03, (byte) 0xE8}, Arrays.copyOfRange(response, 8 + 26, 8 + 30),
                    "VERSION 16.0.1000");
            s.getOutputStream().write(HexFormat.of().parseHex("1001001000000100" + "08000000" + "04000074"));
            byte[] answer = packet(s.getInputStream());
            assertEquals((byte) 0xAD, answer[8], "LOGINACK, still inside TLS");
        }
    }

    @Test
    void aStrictFrontStillAnswersPreloginInTheClear(TargetFarm farm) throws Exception {
        try (Socket s = open(farm.target("tds-2022"))) {
            s.getOutputStream().write(prelogin(0x01));
            byte[] response = packet(s.getInputStream());
            assertEquals(0x04, response[0]);
            assertEquals(0x01, response[8 + 32], "ENCRYPT_ON to a client saying ON");
        }
    }

    @Test
    void aStrictOnlyFrontClosesPreloginInTheClearAndServesTlsFirst(TargetFarm farm) throws Exception {
        FarmTarget t = farm.target("tds-2022-strict-only");
        try (Socket s = open(t)) {
            s.getOutputStream().write(prelogin(0x01));
            assertEquals(-1, s.getInputStream().read(), "no PRELOGIN in the clear");
        }
        try (SSLSocket s = (SSLSocket) trusting(farm).getSocketFactory().createSocket(t.host(), t.port())) {
            s.setSoTimeout(10_000);
            SSLParameters parameters = s.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"tds/8.0"});
            s.setSSLParameters(parameters);
            s.startHandshake();
            assertEquals("tds/8.0", s.getApplicationProtocol());
            s.getOutputStream().write(prelogin(0x00));
            assertEquals(0x04, packet(s.getInputStream())[0], "the PRELOGIN response, inside TLS");
        }
    }

    @Test
    void aFrontWithoutStrictEncryptionClosesAConnectionThatStartsWithTls(TargetFarm farm) throws Exception {
        try (Socket s = open(farm.target("tds-front"))) {
            s.getOutputStream().write(HexFormat.of().parseHex("16030100050100000100"));
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void aFrontNeedsOneAddressAndNoSniRequirement() {
        assertThrows(IllegalArgumentException.class, () -> TdsTargetSpec.of("x", 11, 0, 1,
                TdsTargetSpec.Encryption.ON, DefaultProfiles.sniRequired()));
        assertThrows(IllegalArgumentException.class, () -> new TdsTargetSpec("x", "127.0.0.2", 11, 0, 1,
                TdsTargetSpec.Encryption.ON, DefaultProfiles.mixed()));
    }

    private static byte[] prelogin(int encryption) {
        return HexFormat.of().parseHex(String.format(PRELOGIN, encryption));
    }

    private static Socket open(FarmTarget t) throws IOException {
        Socket s = new Socket(t.host(), t.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** One whole TDS packet, header included. */
    static byte[] packet(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[8];
        data.readFully(header);
        int length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
        byte[] packet = Arrays.copyOf(header, length);
        data.readFully(packet, 8, length - 8);
        return packet;
    }

    private static SSLContext trusting(TargetFarm farm) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("farm", farm.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * A client SSLEngine over a socket: handshake records wrapped in TDS PRELOGIN packets and unwrapped from the
     * server's, then application data in bare records. Bounded in steps.
     */
    private static final class TlsOverTds {
        private final SSLEngine engine;
        private final Socket socket;
        private final ByteBuffer netIn = ByteBuffer.allocate(1 << 17);
        private final ByteBuffer appIn = ByteBuffer.allocate(1 << 17);

        TlsOverTds(SSLEngine engine, Socket socket) {
            this.engine = engine;
            this.socket = socket;
        }

        void handshake() throws IOException {
            engine.beginHandshake();
            for (int step = 0; step < 200; step++) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> {
                        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                        engine.wrap(ByteBuffer.allocate(0), out);
                        out.flip();
                        byte[] tls = new byte[out.remaining()];
                        out.get(tls);
                        socket.getOutputStream().write(tdsPacket(tls));
                    }
                    case NEED_UNWRAP -> {
                        if (unwrap().getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                            byte[] packet = packet(socket.getInputStream());
                            assertEquals(0x12, packet[0], "the server's handshake comes in PRELOGIN packets");
                            netIn.put(packet, 8, packet.length - 8);
                        }
                    }
                    case NEED_TASK -> engine.getDelegatedTask().run();
                    default -> {
                        return;
                    }
                }
            }
            throw new AssertionError("no handshake in 200 steps");
        }

        /** Sends {@code tds} in bare TLS records and returns the first TDS packet that comes back. */
        byte[] exchangeBare(byte[] tds) throws IOException {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.wrap(tds), out);
            out.flip();
            byte[] tls = new byte[out.remaining()];
            out.get(tls);
            assertEquals(0x17, tls[0], "application data in a bare record");
            socket.getOutputStream().write(tls);
            byte[] chunk = new byte[4096];
            for (int step = 0; step < 100; step++) {
                if (appIn.position() >= 8 && appIn.position() >= (appIn.getShort(2) & 0xFFFF)) {
                    return Arrays.copyOf(appIn.array(), appIn.getShort(2) & 0xFFFF);
                }
                if (unwrap().getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    int n = socket.getInputStream().read(chunk);
                    assertTrue(n > 0, "the server closed before its answer");
                    netIn.put(chunk, 0, n);
                }
            }
            throw new AssertionError("no answer in 100 steps");
        }

        private SSLEngineResult unwrap() throws IOException {
            netIn.flip();
            try {
                return engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
        }

        private static byte[] tdsPacket(byte[] payload) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int length = 8 + payload.length;
            out.writeBytes(new byte[] {0x12, 0x01, (byte) (length >> 8), (byte) length, 0, 0, 1, 0});
            out.writeBytes(payload);
            return out.toByteArray();
        }
    }
}
