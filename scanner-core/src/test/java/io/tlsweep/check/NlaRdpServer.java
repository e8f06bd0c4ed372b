package io.tlsweep.check;

import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.ProtocolVersion;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted RDP server on 127.0.0.1 that requires Network Level Authentication, as a Windows host with "Allow
 * connections only from computers running Remote Desktop with Network Level Authentication" answers
 * ([MS-RDPBCGR] 2.2.1.2): a Connection Request asking for HYBRID_EX gets an RDP_NEG_RSP selecting it, one asking
 * for HYBRID (without HYBRID_EX) one selecting HYBRID, any other an RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER.
 * Where it selected a protocol, it counts the ClientHellos that follow; one offering TLS 1.2 and
 * TLS_RSA_WITH_AES_128_GCM_SHA256 gets a TLS 1.2 ServerHello, another a fatal alert. One thread per connection;
 * stopped by {@link #close}.
 */
final class NlaRdpServer implements AutoCloseable {
    private static final int HYBRID = 0x2;
    private static final int HYBRID_EX = 0x8;
    private static final int HYBRID_REQUIRED_BY_SERVER = 5;

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "nla-rdp-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Integer, AtomicInteger> hellos = new ConcurrentHashMap<>();

    private NlaRdpServer() throws IOException {
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    static NlaRdpServer start() throws IOException {
        return new NlaRdpServer();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Connection Requests read so far. */
    int requests() {
        return requests.get();
    }

    /** ClientHellos read so far after a Connection Request asking for {@code requested}. */
    int hellosAfter(int requested) {
        return hellos.getOrDefault(requested, new AtomicInteger()).get();
    }

    /** The Connection Confirm for {@code requested}: 19 bytes, an RDP_NEG_RSP or an RDP_NEG_FAILURE. */
    static byte[] confirm(int requested) {
        boolean selects = (requested & HYBRID) != 0;
        int value = (requested & HYBRID_EX) != 0 ? HYBRID_EX : selects ? HYBRID : HYBRID_REQUIRED_BY_SERVER;
        return new byte[] {3, 0, 0, 19, 14, (byte) 0xD0, 0, 0, 0x12, 0x34, 0, (byte) (selects ? 2 : 3), 0, 8, 0,
            (byte) value, 0, 0, 0};
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
            InputStream in = s.getInputStream();
            byte[] header = new byte[4];
            new DataInputStream(in).readFully(header);
            int length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
            if (header[0] != 3 || length != 19) {
                return;
            }
            byte[] rest = new byte[length - 4];
            new DataInputStream(in).readFully(rest);
            requests.incrementAndGet();
            int requested = (rest[11] & 0xFF) | (rest[12] & 0xFF) << 8;
            byte[] confirm = confirm(requested);
            s.getOutputStream().write(confirm);
            if (confirm[11] != 2) {
                return;
            }
            ClientHelloDecoder.Result.Decoded hello = SentinelServer.read(in);
            if (hello == null) {
                return;
            }
            hellos.computeIfAbsent(requested, k -> new AtomicInteger()).incrementAndGet();
            boolean tls12 = hello.hello().clientVersion().atLeast(ProtocolVersion.TLSv1_2);
            boolean offered = hello.hello().cipherSuites().stream().anyMatch(c -> c.code() == 0x009C);
            s.getOutputStream().write(!tls12 ? SentinelServer.alert(70) : !offered ? SentinelServer.alert(40)
                    : SentinelServer.serverHello(ProtocolVersion.TLSv1_2, new byte[8]));
            s.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away: nothing to answer
        } finally {
            open.remove(s);
        }
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
