package io.tlsweep.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code openssl s_server} on 127.0.0.1 for interoperability tests: nobody here wrote it, so it
 * is an honest other side. It serves connections until {@link #close()}; its certificate is a fresh
 * self-signed one made with {@code openssl req}: RSA-2048 unless a {@link Key} is given.
 */
public final class OpenSslServer implements AutoCloseable {
    /** The kind of key (and self-signed certificate) the server is given. */
    public enum Key {
        RSA("-newkey", "rsa:2048"),
        ECDSA_P256("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"),
        ED25519("-newkey", "ed25519");

        private final List<String> newKey;

        Key(String... newKey) {
            this.newKey = List.of(newKey);
        }
    }

    private final Process process;
    private final Path dir;
    private final String address;
    private final int port;

    private OpenSslServer(Process process, Path dir, String address, int port) {
        this.process = process;
        this.dir = dir;
        this.address = address;
        this.port = port;
    }

    /** Fails the calling test when no {@code openssl} binary runs here: the README's test command installs it. */
    public static void require() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new AssertionError("no working openssl binary on PATH: `sh scripts/test-deps.sh` (the first half of"
                + " the README's test command) installs Debian's openssl");
    }

    /** Starts s_server with extra arguments such as {@code -tls1_2}, {@code -cipher ...}, {@code -groups ...}. */
    public static OpenSslServer start(String... args) throws IOException, InterruptedException {
        return start(Key.RSA, args);
    }

    /** Starts s_server with a certificate for a {@code key} key and extra arguments. */
    public static OpenSslServer start(Key key, String... args) throws IOException, InterruptedException {
        return startAt("127.0.0.1", freePort(), key, args);
    }

    /**
     * Starts s_server on {@code address}:{@code port} (a loopback address; a port below 1024 needs root), with a
     * certificate for a {@code key} key and extra arguments.
     */
    public static OpenSslServer startAt(String address, int port, Key key, String... args) throws IOException,
            InterruptedException {
        Path dir = Files.createTempDirectory("tlsweep-s_server");
        List<String> req = new ArrayList<>(List.of("openssl", "req", "-x509"));
        req.addAll(key.newKey);
        req.addAll(List.of("-nodes", "-subj", "/CN=localhost", "-days", "2", "-keyout", "key.pem", "-out",
                "cert.pem"));
        run(dir, req.toArray(String[]::new));
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", address + ":" + port,
                "-cert", "cert.pem", "-key", "key.pem", "-quiet"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        OpenSslServer server = new OpenSslServer(p, dir, address, port);
        server.awaitListening();
        return server;
    }

    public int port() {
        return port;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                throw new IOException("openssl s_server exited: " + out);
            }
            try (java.net.Socket s = new java.net.Socket(InetAddress.getByName(address), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("openssl s_server did not listen on " + address + ":" + port + " within 10 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a command in {@code dir} to its end (60 s at most); its output is in the exception when it fails. */
    static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                return String.join("\n", r.lines().toList());
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out.join());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
