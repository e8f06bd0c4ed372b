package io.tlsweep.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real xrdp (Debian's package, 0.9.21) listening on 127.0.0.1 on a free port, for tests that need an RDP
 * server nobody here wrote. It runs in the foreground ({@code --nodaemon}, {@code fork=false}) with a private
 * {@code xrdp.ini}, log and a fresh self-signed RSA-2048 certificate in a temp directory, and is stopped through
 * its own process handle. xrdp listens with a backlog of 2, so a scan of it should keep to a few connections
 * at once.
 */
public final class XrdpServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/xrdp");
    private static final long START_SECONDS = 20;

    private final Path dir;
    private final int port;
    private final Process process;

    private XrdpServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts xrdp with these lines in its {@code [Globals]} section besides the listener, certificate and key
     * (for example {@code security_layer=tls}, {@code ssl_protocols=TLSv1.2}, {@code tls_ciphers=...}).
     *
     * @throws IllegalStateException when xrdp is not installed, saying how to install it
     */
    public static XrdpServer start(String... globals) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("xrdp is not installed (looked for " + BINARY + "): install Debian's"
                    + " package xrdp, as scripts/test-deps.sh does");
        }
        Path dir = Files.createTempDirectory("tlsweep-xrdp");
        OpenSslServer.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
                "/CN=xrdp.tlsweep.test", "-days", "2", "-keyout", "key.pem", "-out", "cert.pem");
        int port = freePort();
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("xrdp.ini"), String.join("\n", "[Globals]", "ini_version=1", "fork=false",
                "port=tcp://127.0.0.1:" + port, "certificate=" + d + "/cert.pem", "key_file=" + d + "/key.pem",
                String.join("\n", globals), "[Logging]", "LogFile=" + d + "/xrdp.log", "LogLevel=INFO",
                "EnableSyslog=false", "EnableConsole=false", ""));
        Process process = new ProcessBuilder(BINARY.toString(), "--nodaemon", "--config", d + "/xrdp.ini")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xrdp.out").toFile()).start();
        XrdpServer server = new XrdpServer(dir, port, process);
        server.awaitListening();
        return server;
    }

    /** "127.0.0.1:PORT". */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** The SHA-256 of the served certificate's DER, lower-case hex. */
    public String certificateSha256() throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (CertificateException | NoSuchAlgorithmException e) {
            throw new IOException("cannot read the certificate openssl wrote in " + dir, e);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("xrdp exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        stop();
        throw new IOException("xrdp did not listen on " + hostPort() + " within " + START_SECONDS + " s: " + logs());
    }

    /** What xrdp said on its own output and in its log. */
    public String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("xrdp.out", "xrdp.log")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                b.append(f).append(": ").append(Files.readString(p, StandardCharsets.UTF_8).strip()).append('\n');
            }
        }
        return b.toString();
    }

    /** SIGTERM to xrdp, then waits for it (and anything it started) to be gone; SIGKILL after 10 s. */
    private void stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle c : children) {
            try {
                c.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                c.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is harmless
            }
        }
    }
}
