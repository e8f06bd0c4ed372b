package io.tlsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP relay in front of one target that keeps the first TLS record each client sent (its ClientHello),
 * so a test can read what every connection of a scan offered. At most {@value #MAX_CONNECTIONS} connections, each
 * bounded by a read timeout; closing it ends them all.
 */
final class FirstRecordRelay implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 1_000;
    private static final int TIMEOUT_MILLIS = 15_000;
    private static final int MAX_RECORD = 5 + (1 << 14);

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "first-record-relay");
        t.setDaemon(true);
        return t;
    });
    private final List<byte[]> firstRecords = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    FirstRecordRelay(String host, int port) throws IOException {
        target = new InetSocketAddress(InetAddress.getByName(host), port);
        listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** "127.0.0.1:PORT" of the relay. */
    String hostPort() {
        return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    /** The first record of each connection so far whose client sent one whole. */
    synchronized List<byte[]> firstRecords() {
        return List.copyOf(firstRecords);
    }

    private void accept() {
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                synchronized (this) {
                    sockets.add(client);
                    sockets.add(server);
                }
                client.setSoTimeout(TIMEOUT_MILLIS);
                server.setSoTimeout(TIMEOUT_MILLIS);
                server.connect(target, TIMEOUT_MILLIS);
                threads.execute(() -> pump(client, server, true));
                threads.execute(() -> pump(server, client, false));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Copies {@code from} to {@code to} until either ends; the client's side keeps its first record. */
    private void pump(Socket from, Socket to, boolean fromClient) {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        boolean kept = !fromClient;
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!kept) {
                    first.write(buffer, 0, Math.min(n, MAX_RECORD));
                    byte[] sofar = first.toByteArray();
                    int whole = sofar.length >= 5 ? 5 + ((sofar[3] & 0xff) << 8 | sofar[4] & 0xff) : Integer.MAX_VALUE;
                    if (sofar.length >= whole || sofar.length >= MAX_RECORD) {
                        keep(java.util.Arrays.copyOf(sofar, Math.min(whole, sofar.length)));
                        kept = true;
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away: the connection ends here
        } finally {
            close(from);
            close(to);
        }
    }

    private synchronized void keep(byte[] record) {
        firstRecords.add(record);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (this) {
            sockets.forEach(FirstRecordRelay::close);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
