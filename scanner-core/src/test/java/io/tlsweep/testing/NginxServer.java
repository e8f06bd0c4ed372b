package io.tlsweep.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx (Debian's package) serving one TLS endpoint on 127.0.0.1, for tests that need a server nobody
 * here wrote. It runs in the foreground ({@code daemon off}) with a private prefix, configuration, pid file,
 * error log and temp paths in a temp directory, one worker, and a fresh self-signed RSA-2048 certificate. It is
 * stopped through its own process handle (the master, then the workers it started); {@link #restart} stops it
 * and starts it again on the same port with other TLS directives, so a test can switch versions off and on.
 */
public final class NginxServer implements AutoCloseable {
    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

    private final Path dir;
    private final Path binary;
    private final String address;
    private final int port;
    private Process process;

    private NginxServer(Path dir, Path binary, String address, int port) {
        this.dir = dir;
        this.binary = binary;
        this.address = address;
        this.port = port;
    }

    /**
     * Starts nginx with these directives in its one {@code server} block (for example
     * {@code ssl_protocols TLSv1.2; ssl_ciphers '...';}); the listener, certificate and key are set here.
     *
     * @throws IllegalStateException when nginx is not installed, saying how to install it
     */
    public static NginxServer start(String tlsDirectives) throws IOException, InterruptedException {
        NginxServer server = new NginxServer(prepared(), binary(), "127.0.0.1", freePort());
        server.launch(noContent(tlsDirectives));
        return server;
    }

    /**
     * Starts nginx on {@code address}:{@code port} (a loopback address; a port below 1024 needs root) with {@code
     * serverBody} as the whole rest of its {@code server} block: locations, {@code auth_basic}... The directory with
     * the configuration is {@code $DIR} in it (an {@code auth_basic_user_file}, say, goes there).
     */
    public static NginxServer serving(String address, int port, String serverBody) throws IOException,
            InterruptedException {
        NginxServer server = new NginxServer(prepared(), binary(), address, port);
        server.launch(serverBody.replace("$DIR", server.dir.toAbsolutePath().toString()));
        return server;
    }

    private static Path binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("nginx is not installed (looked for " + BINARIES + "): install Debian's"
                        + " package nginx, as scripts/test-deps.sh does"));
    }

    private static Path prepared() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tlsweep-nginx");
        OpenSslServer.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
                "/CN=nginx.tlsweep.test", "-days", "2", "-keyout", "key.pem", "-out", "cert.pem");
        return dir;
    }

    private static String noContent(String tlsDirectives) {
        return tlsDirectives + "\n    return 204;";
    }

    /** "ADDRESS:PORT" (127.0.0.1 unless started {@link #serving} another). */
    public String hostPort() {
        return address + ":" + port;
    }

    /** Stops nginx and starts it again on the same port with these TLS directives instead. */
    public void restart(String tlsDirectives) throws IOException, InterruptedException {
        stop();
        launch(noContent(tlsDirectives));
    }

    private void launch(String serverBody) throws IOException, InterruptedException {
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "worker_processes 1;",
                "pid " + d + "/nginx.pid;",
                "error_log " + d + "/error.log info;",
                "events { worker_connections 256; }",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + d + "/body; proxy_temp_path " + d + "/proxy;",
                "  fastcgi_temp_path " + d + "/fastcgi; uwsgi_temp_path " + d + "/uwsgi; scgi_temp_path " + d
                        + "/scgi;",
                "  server {",
                "    listen " + address + ":" + port + " ssl;",
                "    ssl_certificate " + d + "/cert.pem; ssl_certificate_key " + d + "/key.pem;",
                "    " + serverBody,
                "  }",
                "}", ""));
        process = new ProcessBuilder(binary.toString(), "-p", d, "-c", d + "/nginx.conf", "-e", d + "/error.log",
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        awaitListening();
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(address), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        stop();
        throw new IOException("nginx did not listen on " + hostPort() + " within 20 s: " + logs());
    }

    /** What nginx said on its own output and in its error log. */
    public String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("nginx.out", "error.log")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                b.append(f).append(": ").append(Files.readString(p, StandardCharsets.UTF_8).strip()).append('\n');
            }
        }
        return b.toString();
    }

    /** SIGTERM to the master (nginx's fast shutdown), then waits for it and its workers to be gone. */
    private void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle w : workers) {
            try {
                w.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                w.destroyForcibly();
            }
        }
        process = null;
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
