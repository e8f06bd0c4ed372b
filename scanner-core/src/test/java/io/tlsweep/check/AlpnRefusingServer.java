package io.tlsweep.check;

import io.tlsweep.wire.ClientHello;
import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted TLS 1.2 server on 127.0.0.1 that speaks no protocol a client names in ALPN: a hello offering ALPN gets a
 * fatal no_application_protocol alert (RFC 7301 §3.2); any other TLS 1.2 hello offering TLS_RSA_WITH_AES_128_GCM_SHA256
 * gets a ServerHello without extensions (no extended master secret) and ServerHelloDone; older hellos get
 * protocol_version, others handshake_failure. One thread per connection; stopped by {@link #close}.
 */
final class AlpnRefusingServer implements AutoCloseable {
    private static final int SUITE = 0x009C;

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "alpn-refusing-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private AlpnRefusingServer(InetAddress address, int port) throws IOException {
        socket = new ServerSocket(port, 64, address);
        threads.execute(this::acceptLoop);
    }

    static AlpnRefusingServer start() throws IOException {
        return new AlpnRefusingServer(InetAddress.getLoopbackAddress(), 0);
    }

    /** On {@code address} (a 127.x.y.z literal) and {@code port}: a web port on a loopback address of the test's. */
    static AlpnRefusingServer startAt(String address, int port) throws IOException {
        return new AlpnRefusingServer(InetAddress.getByName(address), port);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The answer to {@code hello}. */
    static byte[] answer(ClientHello hello) {
        if (!hello.clientVersion().atLeast(ProtocolVersion.TLSv1_2)) {
            return SentinelServer.alert(70);
        }
        if (hello.cipherSuites().stream().noneMatch(c -> c.code() == SUITE)) {
            return SentinelServer.alert(40);
        }
        return !hello.alpn().isEmpty() ? SentinelServer.alert(120)
                : SentinelServer.serverHello(ProtocolVersion.TLSv1_2, new byte[8]);
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
            ClientHelloDecoder.Result.Decoded hello = SentinelServer.read(s.getInputStream());
            if (hello != null) {
                s.getOutputStream().write(answer(hello.hello()));
                s.getOutputStream().flush();
            }
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
