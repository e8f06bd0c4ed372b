package io.tlsweep.engine.handshake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An artificially slow server for tests: a TCP proxy on 127.0.0.1 in front of a real TLS server that holds
 * each server-to-client chunk for {@code delayMillis} before passing it on, so every handshake takes at least
 * that long (one server flight in TLS 1.3, two in TLS 1.2).
 */
final class SlowProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final long delayMillis;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slow-proxy");
        t.setDaemon(true);
        return t;
    });

    SlowProxy(InetSocketAddress upstream, long delayMillis) throws IOException {
        this.upstream = upstream;
        this.delayMillis = delayMillis;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                open.add(client);
                open.add(server);
                threads.execute(() -> pump(client, server, 0));
                threads.execute(() -> pump(server, client, delayMillis));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, long delay) {
        byte[] buf = new byte[16 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // either side went away
        } finally {
            open.remove(from);
            open.remove(to);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
    }
}
