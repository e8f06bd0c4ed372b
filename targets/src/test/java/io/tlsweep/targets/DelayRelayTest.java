package io.tlsweep.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A delay relay before a plain echo server of the test's own (127.0.0.1): more bytes than the relay holds back
 * go through and come back intact, the echo server's close reaches the client, and the first answer takes at
 * least one round trip of added delay (a lower bound only).
 */
class DelayRelayTest {

    private static final int PAYLOAD = 1024 * 1024;

    @Test
    void bytesGoBothWaysIntactAfterARoundTripOfDelayAndACloseReachesTheClient() throws Exception {
        byte[] sent = new byte[PAYLOAD];
        new Random(15).nextBytes(sent);
        try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                DelayRelay relay = DelayRelay.start(
                        new java.net.InetSocketAddress("127.0.0.1", echo.getLocalPort()), Duration.ofMillis(20))) {
            CompletableFuture<Void> echoed = CompletableFuture.runAsync(() -> echoThenClose(echo, PAYLOAD));
            try (Socket client = new Socket()) {
                client.connect(relay.address(), 2000);
                client.setSoTimeout(10_000);
                CompletableFuture<Void> written = CompletableFuture.runAsync(() -> write(client, sent));
                InputStream in = client.getInputStream();
                byte[] got = new byte[PAYLOAD];
                long start = System.nanoTime();
                int first = in.read();
                long firstAfter = System.nanoTime() - start;
                assertTrue(first >= 0, "an answer before the close");
                got[0] = (byte) first;
                int n = 1;
                while (n < PAYLOAD) {
                    int r = in.read(got, n, PAYLOAD - n);
                    assertTrue(r > 0, "closed after " + n + " of " + PAYLOAD + " bytes");
                    n += r;
                }
                assertArrayEquals(sent, got);
                assertEquals(-1, in.read(), "the echo server's close reaches the client");
                written.get(10, TimeUnit.SECONDS);
                echoed.get(10, TimeUnit.SECONDS);
                assertTrue(firstAfter >= TimeUnit.MILLISECONDS.toNanos(40),
                        "one round trip through 20 ms each way took only " + firstAfter / 1_000 + " µs");
            }
        }
    }

    private static void write(Socket client, byte[] bytes) {
        try {
            OutputStream out = client.getOutputStream();
            for (int off = 0; off < bytes.length; off += 8192) {
                out.write(bytes, off, Math.min(8192, bytes.length - off));
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Accepts one connection, echoes exactly {@code total} bytes, then closes it. */
    private static void echoThenClose(ServerSocket server, int total) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[16384];
            int seen = 0;
            while (seen < total) {
                int r = in.read(buf, 0, Math.min(buf.length, total - seen));
                if (r < 0) {
                    throw new IOException("closed after " + seen + " bytes");
                }
                out.write(buf, 0, r);
                seen += r;
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
