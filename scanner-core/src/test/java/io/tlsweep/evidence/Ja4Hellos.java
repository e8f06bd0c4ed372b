package io.tlsweep.evidence;

import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Real ClientHellos for the identification tests: the captures kept with the client profiles, and hellos caught
 * here from a client started against a one-shot loopback listener that reads the hello and closes (no TLS server:
 * the client's handshake then fails, as intended). Every wait is bounded.
 */
final class Ja4Hellos {
    private Ja4Hellos() {
    }

    /** A capture of {@code src/test/resources/io/tlsweep/profiles/captures} ("openssl3", "java17", "chromium"). */
    static OfferedHello capture(String name) {
        try (InputStream in = Ja4Hellos.class.getResourceAsStream("/io/tlsweep/profiles/captures/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return decode(Hex.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OfferedHello decode(byte[] record) {
        if (!(ClientHelloDecoder.decode(record) instanceof ClientHelloDecoder.Result.Decoded d)) {
            throw new IllegalArgumentException("not a complete ClientHello: " + Hex.of(record));
        }
        return ProfileMatcher.offered(d.hello());
    }

    /** The first ClientHello of the process {@code command.apply(port)} starts against a port on 127.0.0.1. */
    static OfferedHello fromProcess(IntFunction<List<String>> command) throws IOException, InterruptedException {
        try (ServerSocket server = listener()) {
            Process p = new ProcessBuilder(command.apply(server.getLocalPort())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            try {
                return readHello(server);
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The first ClientHello {@code client} sends to a port on 127.0.0.1, {@code client} run in its own thread. */
    static OfferedHello fromThread(IntConsumerWithIo client) throws IOException, InterruptedException {
        try (ServerSocket server = listener()) {
            int port = server.getLocalPort();
            Thread t = new Thread(() -> {
                try {
                    client.accept(port);
                } catch (IOException expected) {
                    // the listener closes without answering: the client's handshake fails
                }
            }, "hello-client");
            t.setDaemon(true);
            t.start();
            OfferedHello hello = readHello(server);
            t.join(10_000);
            return hello;
        }
    }

    /** A client started with the listener's port. */
    @FunctionalInterface
    interface IntConsumerWithIo {
        void accept(int port) throws IOException;
    }

    private static ServerSocket listener() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        s.setSoTimeout(20_000);
        return s;
    }

    private static OfferedHello readHello(ServerSocket server) throws IOException {
        try (Socket c = server.accept()) {
            c.setSoTimeout(20_000);
            InputStream in = c.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            for (int round = 0; round < 64; round++) {
                ClientHelloDecoder.Result r = ClientHelloDecoder.decode(got.toByteArray());
                if (r instanceof ClientHelloDecoder.Result.Decoded d) {
                    return ProfileMatcher.offered(d.hello());
                }
                if (r instanceof ClientHelloDecoder.Result.Malformed m && got.size() > 0) {
                    throw new IOException("not a ClientHello: " + m.reason());
                }
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
            throw new IOException("no complete ClientHello in " + got.size() + " bytes");
        }
    }
}
