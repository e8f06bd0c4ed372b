package io.tlsweep.check;

import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A scripted server on 127.0.0.1 that looks like a TLS 1.3 server behind a box that strips supported_versions:
 * every hello offering TLS 1.2 or more gets a TLS 1.2 ServerHello (TLS_RSA_WITH_AES_128_GCM_SHA256, if offered,
 * else handshake_failure) whose random ends with the TLS 1.3 server's downgrade sentinel; older hellos get
 * protocol_version. One thread per connection; stopped by {@link #close}.
 */
public final class SentinelServer implements AutoCloseable {
    /** "DOWNGRD" 01: a TLS 1.3 server negotiated TLS 1.2. */
    static final byte[] TLS13_SENTINEL = sentinel(1);
    /** "DOWNGRD" 00: a TLS 1.2 (or 1.3) server negotiated TLS 1.1 or below. */
    static final byte[] TLS12_SENTINEL = sentinel(0);
    private static final int SUITE = 0x009C;
    private static final int MAX_HELLO = 1 << 16;

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sentinel-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private SentinelServer() throws IOException {
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public static SentinelServer start() throws IOException {
        return new SentinelServer();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private static byte[] sentinel(int last) {
        byte[] s = Arrays.copyOf("DOWNGRD".getBytes(StandardCharsets.US_ASCII), 8);
        s[7] = (byte) last;
        return s;
    }

    /** A ServerHello for {@code version} whose random ends with {@code last8}, then ServerHelloDone. */
    static byte[] serverHello(ProtocolVersion version, byte[] last8) {
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        System.arraycopy(last8, 0, random, 24, 8);
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.write(version.code() >> 8);
        hello.write(version.code());
        hello.writeBytes(random);
        hello.write(0);
        hello.write(SUITE >> 8);
        hello.write(SUITE);
        hello.write(0);
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.write(2);
        flight.write(0);
        flight.write(0);
        flight.write(hello.size());
        flight.writeBytes(hello.toByteArray());
        flight.writeBytes(new byte[] {14, 0, 0, 0});
        return record(0x16, version, flight.toByteArray());
    }

    /** A fatal alert. */
    static byte[] alert(int description) {
        return record(0x15, ProtocolVersion.TLSv1_2, new byte[] {2, (byte) description});
    }

    private static byte[] record(int type, ProtocolVersion version, byte[] body) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(type);
        r.write(version.code() >> 8);
        r.write(version.code());
        r.write(body.length >> 8);
        r.write(body.length);
        r.writeBytes(body);
        return r.toByteArray();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            ClientHelloDecoder.Result.Decoded hello = read(s.getInputStream());
            if (hello == null) {
                return;
            }
            boolean tls12 = hello.hello().clientVersion().atLeast(ProtocolVersion.TLSv1_2);
            boolean offered = hello.hello().cipherSuites().stream().anyMatch(c -> c.code() == SUITE);
            s.getOutputStream().write(!tls12 ? alert(70) : !offered ? alert(40)
                    : serverHello(ProtocolVersion.TLSv1_2, TLS13_SENTINEL));
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away: nothing to answer
        } finally {
            open.remove(s);
        }
    }

    /** The ClientHello, or null when the connection ends first or sends something else. */
    static ClientHelloDecoder.Result.Decoded read(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while (seen.size() < MAX_HELLO && (n = in.read(chunk)) > 0) {
            seen.write(chunk, 0, n);
            ClientHelloDecoder.Result r = ClientHelloDecoder.decode(seen.toByteArray());
            if (r instanceof ClientHelloDecoder.Result.Decoded d) {
                return d;
            }
            if (r instanceof ClientHelloDecoder.Result.Malformed) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
    }
}
