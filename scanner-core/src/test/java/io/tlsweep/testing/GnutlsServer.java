package io.tlsweep.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code gnutls-serv} (Debian's {@code gnutls-bin}) for tests that hold the scanner and its predictions
 * against a second stack nobody here wrote. It runs in the foreground as a child of the test, with a fresh
 * self-signed RSA-2048 certificate in a private temp dir and a {@code --priority} string chosen by the test,
 * until {@link #close()} stops it through its process handle.
 *
 * <p>{@code gnutls-serv} has no option to choose the address it listens on: it binds the wildcard address on the
 * free port it is given, for as long as the test runs. The tests connect to it only through 127.0.0.1.
 */
public final class GnutlsServer implements AutoCloseable {
    private static final String BINARY = "gnutls-serv";
    private final Process process;
    private final Path dir;
    private final int port;

    private GnutlsServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts {@code gnutls-serv --priority PRIORITY} (for example {@code NORMAL:-VERS-ALL:+VERS-TLS1.0}).
     *
     * @throws IllegalStateException when gnutls-serv is not installed, naming the script that installs it
     */
    public static GnutlsServer start(String priority) throws IOException, InterruptedException {
        requireInstalled();
        Path dir = Files.createTempDirectory("tlsweep-gnutls-serv");
        try {
            SelfSignedKey.rsa2048().writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the test certificate", e);
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port),
                "--x509certfile", "cert.pem", "--x509keyfile", "key.pem", "--disable-client-cert",
                "--priority", priority));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gnutls-serv.log").toFile()).start();
        GnutlsServer server = new GnutlsServer(p, dir, port);
        server.awaitListening(priority);
        return server;
    }

    /** Fails with what to run when {@code gnutls-serv} is missing: the tests need it, they never skip it. */
    private static void requireInstalled() throws InterruptedException {
        String missing = BINARY + " is not installed (Debian package gnutls-bin): run scripts/test-deps.sh";
        try {
            Process p = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(missing);
            }
        } catch (IOException e) {
            throw new IllegalStateException(missing, e);
        }
    }

    public int port() {
        return port;
    }

    private void awaitListening(String priority) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = Files.readString(dir.resolve("gnutls-serv.log"), StandardCharsets.UTF_8);
                close();
                throw new IOException("gnutls-serv --priority " + priority + " exited: " + log);
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("gnutls-serv did not listen on port " + port + " within 20 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
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
            // a temp dir left behind holds only a throwaway test key
        }
    }
}
