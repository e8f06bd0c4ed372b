package io.tlsweep.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JDK (SunJSSE) server with RSA-2048 and ECDSA P-256 certificates and TLS 1.0 to 1.3 enabled, following the
 * client's cipher suite order ({@code setUseCipherSuitesOrder(false)}) or its own. It runs in a child JVM
 * started and stopped by the test through its process handle: TLS 1.0/1.1 and 3DES must be lifted from
 * {@code jdk.tls.disabledAlgorithms} before the JDK's TLS classes start, which is a JVM-wide setting (the same
 * three entries {@code --jdk-legacy} lifts), so the test JVM itself stays at the JDK's defaults. The child binds
 * 127.0.0.1 only and exits on its own after ten minutes if nobody stops it.
 */
public final class JsseServer implements AutoCloseable {
    private static final char[] PASSWORD = "loopback-test".toCharArray();
    private static final List<String> LIFTED = List.of("TLSv1", "TLSv1.1", "3DES_EDE_CBC");
    private static final long LIFETIME_MS = TimeUnit.MINUTES.toMillis(10);
    private final Process process;
    private final Path dir;
    private final int port;

    private JsseServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the server; {@code serverOrder} false follows the client's order. */
    public static JsseServer start(boolean serverOrder) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tlsweep-jsse");
        Path store = dir.resolve("keys.p12");
        try {
            SelfSignedKey.writePkcs12(store, PASSWORD, List.of(SelfSignedKey.rsa2048(), SelfSignedKey.ecdsaP256()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the test keys", e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", ownClassPath(), JsseServer.class.getName(), store.toString(),
                Boolean.toString(serverOrder)).redirectErrorStream(true).start();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> firstLine(p.getInputStream()));
        try {
            String line = first.get(60, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("listening ")) {
                throw new IOException("the JDK test server did not start: " + line);
            }
            return new JsseServer(p, dir, Integer.parseInt(line.substring("listening ".length()).trim()));
        } catch (ExecutionException | TimeoutException | IOException | NumberFormatException e) {
            stop(p);
            delete(dir);
            throw new IOException("the JDK test server did not report its port within 60 s", e);
        }
    }

    private static String ownClassPath() throws IOException {
        try {
            return Path.of(JsseServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the test classes", e);
        }
    }

    private static String firstLine(InputStream in) {
        try {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return e.toString();
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop(process);
        delete(dir);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind holds only throwaway test keys
        }
    }

    /** The child JVM: {@code JsseServer KEYSTORE SERVER_ORDER}; prints "listening PORT", serves handshakes. */
    public static void main(String[] args) throws IOException, GeneralSecurityException {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        Security.setProperty("jdk.tls.disabledAlgorithms", String.join(", ", Stream.of(disabled.split(","))
                .map(String::trim).filter(e -> !e.isEmpty() && !LIFTED.contains(e)).toList()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 128, InetAddress.getByName("127.0.0.1"));
        SSLParameters parameters = server.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"});
        parameters.setUseCipherSuitesOrder(Boolean.parseBoolean(args[1]));
        server.setSSLParameters(parameters);
        Thread lifetime = new Thread(() -> {
            try {
                Thread.sleep(LIFETIME_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(0);
        });
        lifetime.setDaemon(true);
        lifetime.start();
        System.out.println("listening " + server.getLocalPort());
        System.out.flush();
        while (!server.isClosed()) {
            SSLSocket s = (SSLSocket) server.accept();
            Thread handshake = new Thread(() -> handshake(s));
            handshake.setDaemon(true);
            handshake.start();
        }
    }

    /** One connection: the handshake (a scanner's hello is usually abandoned after the first flight), then close. */
    private static void handshake(SSLSocket s) {
        try (s) {
            s.setSoTimeout(5000);
            s.startHandshake();
        } catch (IOException expected) {
            // scanners and profile hellos abandon the handshake after the server's first flight
        }
    }
}
