package io.tlsweep.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The prelude targets on a socket: banner, command, answer; then a real stack's TLS on the same connection, or
 * the scripted first flight and the answer to one more record, bare or in TDS-shaped packets. And the count of
 * connections open at once.
 */
class PreludeTargetsTest {
    private static final ScriptedTargetSpec SCRIPTED = ScriptedTargetSpec.of("prelude-scripted-tls",
            EnumSet.of(TlsVersion.TLS1_2), List.of("TLS_RSA_WITH_AES_128_CBC_SHA"));

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            PreludeTargetSpec.of("prelude-real", "tlsweep test banner", DefaultProfiles.modernTls12And13().toBuilder()
                    .name("prelude-real-tls").build()),
            PreludeTargetSpec.of("prelude-refuses", "busy", DefaultProfiles.mixed().toBuilder()
                    .name("prelude-refuses-tls").build()).refusingTls(),
            PreludeTargetSpec.of("prelude-scripted", "scripted", SCRIPTED),
            PreludeTargetSpec.of("prelude-framed", "framed", ScriptedTargetSpec.of("prelude-framed-tls",
                    EnumSet.of(TlsVersion.TLS1_2), List.of("TLS_RSA_WITH_AES_128_CBC_SHA"))).withFraming(),
            PreludeTargetSpec.of("prelude-framed-short", "framed", ScriptedTargetSpec.of("prelude-framed-short-tls",
                    EnumSet.of(TlsVersion.TLS1_2), List.of("TLS_RSA_WITH_AES_128_CBC_SHA")).withMaxHelloBytes(46))
                    .withFraming(),
            PreludeTargetSpec.smtp("prelude-smtp", "farm test SMTP", DefaultProfiles.modernTls12And13().toBuilder()
                    .name("prelude-smtp-tls").build()),
            PreludeTargetSpec.smtp("prelude-smtp-refuses", "farm test SMTP", DefaultProfiles.mixed().toBuilder()
                    .name("prelude-smtp-refuses-tls").build()).refusingTls()));

    /** TLS 1.2 ClientHello offering 0x002F and the SCSV, no extensions (hand-built). */
    private static final byte[] HELLO = HexFormat.of().parseHex("160301002f0100002b0303"
            + "0000000000000000000000000000000000000000000000000000000000000000" + "00"
            + "0004002f00ff" + "0100");
    /** A heartbeat request: payload "tlsweep!" (8 bytes), 16 bytes of padding. */
    private static final byte[] HEARTBEAT = HexFormat.of().parseHex("180303001b" + "010008"
            + "746c7377656570 21".replace(" ", "") + "00".repeat(16));

    @Test
    void afterTheBannerAndStartTlsARealStackHandshakesOnTheSameConnection(TargetFarm farm) throws Exception {
        FarmTarget t = farm.target("prelude-real");
        assertEquals(List.of(TlsVersion.TLS1_2, TlsVersion.TLS1_3), t.tls().versions());
        try (Socket s = new Socket(t.host(), t.port())) {
            s.setSoTimeout(10_000);
            assertEquals("220 tlsweep test banner", line(s.getInputStream()));
            send(s, "STARTTLS\r\n");
            assertEquals("220 ready", line(s.getInputStream()));
            try (SSLSocket tls = (SSLSocket) trusting(farm).getSocketFactory().createSocket(s, "localhost", t.port(),
                    false)) {
                tls.startHandshake();
                assertEquals("TLSv1.3", tls.getSession().getProtocol());
            }
        }
    }

    @Test
    void theSmtpDialectGreetsInTwoLinesOffersStarttlsAndAuthAndStartsTls(TargetFarm farm) throws Exception {
        FarmTarget t = farm.target("prelude-smtp");
        try (Socket s = open(t)) {
            InputStream in = s.getInputStream();
            assertEquals("220-farm test SMTP", line(in));
            assertEquals("220 mail.farm.test ESMTP", line(in));
            send(s, "NOOP\r\n");
            assertEquals("502 5.5.2 Error: command not recognized", line(in));
            send(s, "EHLO tlsweep.invalid\r\n");
            assertEquals(List.of("250-mail.farm.test greets tlsweep.invalid", "250-PIPELINING",
                    "250-AUTH PLAIN LOGIN", "250-STARTTLS", "250 8BITMIME"),
                    List.of(line(in), line(in), line(in), line(in), line(in)));
            send(s, "STARTTLS\r\n");
            assertEquals("220 2.0.0 Ready to start TLS", line(in));
            try (SSLSocket tls = (SSLSocket) trusting(farm).getSocketFactory().createSocket(s, "localhost", t.port(),
                    false)) {
                tls.startHandshake();
                assertEquals("TLSv1.3", tls.getSession().getProtocol());
            }
        }
    }

    @Test
    void theSmtpDialectRefusesStarttlsWith454AndStaysInSmtp(TargetFarm farm) throws Exception {
        try (Socket s = open(farm.target("prelude-smtp-refuses"))) {
            InputStream in = s.getInputStream();
            line(in);
            line(in);
            send(s, "STARTTLS\r\nQUIT\r\n");
            assertEquals("454 4.7.0 TLS not available due to local problem", line(in));
            assertEquals("221 2.0.0 Bye", line(in));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void theSmtpDialectTakesALineOfAHundredBytesAndRefusesOneOfSixHundred(TargetFarm farm) throws Exception {
        String host = "h".repeat(100 - "EHLO \r\n".length());
        try (Socket s = open(farm.target("prelude-smtp"))) {
            InputStream in = s.getInputStream();
            line(in);
            line(in);
            send(s, "EHLO " + host + "\r\n");
            assertEquals("250-mail.farm.test greets " + host, line(in));
        }
        try (Socket s = open(farm.target("prelude-smtp"))) {
            InputStream in = s.getInputStream();
            line(in);
            line(in);
            send(s, "EHLO " + "h".repeat(600 - "EHLO \r\n".length()) + "\r\n");
            assertEquals("500 5.5.0 Error: line too long", line(in));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aRefusingServerSays454AndCloses(TargetFarm farm) throws Exception {
        try (Socket s = open(farm.target("prelude-refuses"))) {
            assertEquals("220 busy", line(s.getInputStream()));
            send(s, "STARTTLS\r\n");
            assertEquals("454 TLS not available", line(s.getInputStream()));
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void anotherCommandOrAnEndlessLineIsAnsweredWith500(TargetFarm farm) throws Exception {
        try (Socket s = open(farm.target("prelude-real"))) {
            line(s.getInputStream());
            send(s, "EHLO x\r\n");
            assertEquals("500 unknown command", line(s.getInputStream()));
            assertEquals(-1, s.getInputStream().read());
        }
        try (Socket s = open(farm.target("prelude-real"))) {
            line(s.getInputStream());
            send(s, "A".repeat(98) + "\r\n");
            assertEquals("500 unknown command", line(s.getInputStream()), "a line of 100 bytes is read whole");
        }
        try (Socket s = open(farm.target("prelude-real"))) {
            line(s.getInputStream());
            send(s, "A".repeat(PreludeTargetSpec.MAX_LINE + 10));
            assertEquals("500 line too long", line(s.getInputStream()));
        }
    }

    @Test
    void theScriptedServerAnswersTheHelloThenAHeartbeatWithItsPayload(TargetFarm farm) throws Exception {
        try (Socket s = startTls(farm.target("prelude-scripted"))) {
            s.getOutputStream().write(HELLO);
            List<byte[]> flight = records(s.getInputStream(), 1);
            assertEquals(0x16, flight.get(0)[0]);
            assertEquals(0x02, flight.get(0)[5], "a ServerHello first");
            readUntilServerHelloDone(s.getInputStream(), flight.get(0));
            s.getOutputStream().write(HEARTBEAT);
            byte[] answer = records(s.getInputStream(), 1).get(0);
            assertEquals(24, answer[0]);
            assertEquals(2, answer[5], "a heartbeat response");
            assertArrayEquals("tlsweep!".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOfRange(answer, 8,
                    16));
        }
    }

    @Test
    void anythingButAHeartbeatAfterTheFlightGetsUnexpectedMessage() {
        byte[] alert = io.tlsweep.targets.prelude.ScriptedConversation.answerFollowUp(
                HexFormat.of().parseHex("1403030001" + "01"));
        assertArrayEquals(HexFormat.of().parseHex("1503030002020a"), alert);
        byte[] shortPadding = HexFormat.of().parseHex("1803030013" + "010008" + "00".repeat(16));
        assertEquals(0x15, io.tlsweep.targets.prelude.ScriptedConversation.answerFollowUp(shortPadding)[0],
                "a request whose payload leaves less than 16 bytes of padding is no heartbeat");
    }

    @Test
    void aFramedServerCarriesItsTlsBytesInTdsShapedPackets(TargetFarm farm) throws Exception {
        try (Socket s = startTls(farm.target("prelude-framed"))) {
            s.getOutputStream().write(packet(HELLO));
            ByteArrayOutputStream flight = new ByteArrayOutputStream();
            for (int i = 0; i < 20 && !endsWithServerHelloDone(flight.toByteArray()); i++) {
                flight.writeBytes(unpacket(s.getInputStream()));
            }
            byte[] tls = flight.toByteArray();
            assertEquals(0x16, tls[0]);
            assertEquals(0x02, tls[5], "a ServerHello first");
            assertTrue(endsWithServerHelloDone(tls), "the first flight ends with ServerHelloDone");
            s.getOutputStream().write(packet(HEARTBEAT));
            byte[] answer = unpacket(s.getInputStream());
            assertEquals(24, answer[0]);
            assertEquals(2, answer[5], "a heartbeat response, in a packet of its own");
        }
    }

    @Test
    void aFramedServerRefusingLongHellosClosesWithoutAPacket(TargetFarm farm) throws Exception {
        try (Socket s = startTls(farm.target("prelude-framed-short"))) {
            s.getOutputStream().write(packet(HELLO));
            assertEquals(-1, s.getInputStream().read(), "47 hello bytes against a limit of 46: a close, no packet");
        }
    }

    @Test
    void openConnectionsCountsWhatIsOpenAtOnceNotWhatTheServerHasNotSeenClose(TargetFarm farm) throws Exception {
        FarmTarget t = farm.target("prelude-real");
        OpenConnections open = farm.watchOpenConnections("prelude-real");
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(open(t));
            }
            awaitSamples(open, 3);
            assertEquals(3, open.peak());
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        OpenConnections again = farm.watchOpenConnections("prelude-real");
        assertTrue(again == open, "one count per target");
        for (int i = 0; i < 10; i++) {
            try (Socket s = new Socket(t.host(), t.port())) {
                s.setSoLinger(true, 0); // closed with RST, as the scanner does, before the next one opens
            }
        }
        awaitSamples(open, 13);
        assertEquals(3, open.peak(), "ten connections one after the other never make more than the three");
    }

    private static void awaitSamples(OpenConnections open, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (open.samples() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, open.samples(), "accepts counted");
    }

    private static Socket open(FarmTarget t) throws IOException {
        Socket s = new Socket(t.host(), t.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static Socket startTls(FarmTarget t) throws IOException {
        Socket s = open(t);
        assertTrue(line(s.getInputStream()).startsWith("220 "));
        send(s, "STARTTLS\r\n");
        assertEquals("220 ready", line(s.getInputStream()));
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One CRLF-terminated line, without its CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed inside a line: " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
    }

    private static List<byte[]> records(InputStream in, int n) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] header = in.readNBytes(5);
            int length = (header[3] & 0xFF) << 8 | (header[4] & 0xFF);
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.writeBytes(header);
            record.writeBytes(in.readNBytes(length));
            out.add(record.toByteArray());
        }
        return out;
    }

    /** Reads records until the one holding ServerHelloDone (type 14, empty) has been read. */
    private static void readUntilServerHelloDone(InputStream in, byte[] first) throws IOException {
        byte[] record = first;
        for (int i = 0; i < 20 && !endsWithServerHelloDone(record); i++) {
            record = records(in, 1).get(0);
        }
        assertTrue(endsWithServerHelloDone(record), "the first flight ends with ServerHelloDone");
    }

    private static boolean endsWithServerHelloDone(byte[] record) {
        int n = record.length;
        return n >= 9 && record[n - 4] == 0x0e && record[n - 3] == 0 && record[n - 2] == 0 && record[n - 1] == 0;
    }

    private static byte[] packet(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = 8 + payload.length;
        out.writeBytes(new byte[] {0x12, 0x01, (byte) (length >> 8), (byte) length, 0, 0, 1, 0});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] unpacket(InputStream in) throws IOException {
        byte[] header = in.readNBytes(8);
        assertEquals(0x12, header[0]);
        int length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
        return in.readNBytes(length - 8);
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
}
