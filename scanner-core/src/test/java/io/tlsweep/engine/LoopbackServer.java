package io.tlsweep.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny blocking TCP server on 127.0.0.1 for engine tests, one thread per connection. It counts
 * connections accepted, the most connections waiting for an answer at once, and accept times.
 */
final class LoopbackServer implements AutoCloseable {
    static final byte[] FATAL_HANDSHAKE_FAILURE = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

    /** What the server does with one connection. */
    interface Behaviour {
        void serve(Socket s, LoopbackServer server) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();
    final AtomicInteger maxWaiting = new AtomicInteger();
    final ConcurrentLinkedQueue<Long> acceptNanos = new ConcurrentLinkedQueue<>();

    private LoopbackServer(Behaviour behaviour) throws IOException {
        socket = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());
        threads.execute(() -> acceptLoop(behaviour));
    }

    static LoopbackServer start(Behaviour behaviour) throws IOException {
        return new LoopbackServer(behaviour);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop(Behaviour behaviour) {
        while (!socket.isClosed()) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException closed) {
                return;
            }
            acceptNanos.add(System.nanoTime());
            accepted.incrementAndGet();
            open.add(s);
            int now = waiting.incrementAndGet();
            maxWaiting.accumulateAndGet(now, Math::max);
            threads.execute(() -> {
                try (s) {
                    behaviour.serve(s, this);
                } catch (IOException | InterruptedException gone) {
                    // the client went away or the test ended
                } finally {
                    open.remove(s);
                }
            });
        }
    }

    /** Marks this connection as answered, for the concurrency count (call before answering). */
    void answering() {
        waiting.decrementAndGet();
    }

    /** Reads one whole TLS record (the hello), so that a close afterwards is a FIN, not an RST. */
    static void readHello(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] header = in.readNBytes(5);
        if (header.length == 5) {
            in.readNBytes((header[3] & 0xFF) << 8 | (header[4] & 0xFF));
        }
    }

    static void drainUntilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
            // wait for the client to close
        }
    }

    static Behaviour alert() {
        return holdThenAlert(0);
    }

    static Behaviour holdThenAlert(long millis) {
        return (s, server) -> {
            readHello(s);
            Thread.sleep(millis);
            server.answering();
            OutputStream out = s.getOutputStream();
            out.write(FATAL_HANDSHAKE_FAILURE);
            out.flush();
            drainUntilClosed(s);
        };
    }

    static Behaviour silent() {
        return (s, server) -> drainUntilClosed(s);
    }

    static Behaviour reset() {
        return (s, server) -> {
            readHello(s);
            s.setSoLinger(true, 0);
        };
    }

    static Behaviour closeAfterHello() {
        return (s, server) -> readHello(s);
    }

    /** One byte every {@code millis} of a plausible ServerHello record that never completes. */
    static Behaviour drip(long millis) {
        byte[] start = {0x16, 0x03, 0x03, 0x00, 0x40, 0x02, 0x00, 0x00, 0x3c, 0x03, 0x03};
        return (s, server) -> {
            readHello(s);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 1000; i++) {
                out.write(i < start.length ? start[i] : 0x11);
                out.flush();
                Thread.sleep(millis);
            }
        };
    }

    List<Long> acceptTimes() {
        return List.copyOf(acceptNanos);
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
