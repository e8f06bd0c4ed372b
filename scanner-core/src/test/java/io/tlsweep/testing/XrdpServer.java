package io.tlsweep.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A real xrdp (Debian's package, 0.9.21) listening on 127.0.0.1 on a free port, for tests that need an RDP
 * server nobody here wrote. It runs as a {@link ForegroundDaemon} ({@code --nodaemon}, {@code fork=false}) with a
 * private {@code xrdp.ini}, log and a fresh self-signed RSA-2048 certificate in a temp directory. xrdp-sesman is
 * not started: a scan ends with the TLS handshake, before any session is asked for. xrdp listens with a backlog
 * of 2, so a scan of it should keep to a few connections at once.
 */
public final class XrdpServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/xrdp");

    private final ForegroundDaemon daemon;

    private XrdpServer(ForegroundDaemon daemon) {
        this.daemon = daemon;
    }

    /**
     * Starts xrdp with these lines in its {@code [Globals]} section besides the listener, certificate and key
     * (for example {@code security_layer=tls}, {@code ssl_protocols=TLSv1.2}, {@code tls_ciphers=...}).
     *
     * @throws AssertionError when xrdp is not installed, saying how to install it
     */
    public static XrdpServer start(String... globals) throws IOException, InterruptedException {
        Path xrdp = ForegroundDaemon.binary("xrdp", BINARY);
        Path dir = ForegroundDaemon.directory("tlsweep-xrdp");
        OpenSslServer.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
                "/CN=xrdp.tlsweep.test", "-days", "2", "-keyout", "key.pem", "-out", "cert.pem");
        int port = ForegroundDaemon.freePort();
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("xrdp.ini"), String.join("\n", "[Globals]", "ini_version=1", "fork=false",
                "port=tcp://127.0.0.1:" + port, "certificate=" + d + "/cert.pem", "key_file=" + d + "/key.pem",
                String.join("\n", globals), "[Logging]", "LogFile=" + d + "/xrdp.log", "LogLevel=INFO",
                "EnableSyslog=false", "EnableConsole=false", ""));
        return new XrdpServer(ForegroundDaemon.start("xrdp", dir, List.of(xrdp.toString(), "--nodaemon", "--config",
                d + "/xrdp.ini"), Map.of(), List.of(port)));
    }

    /** "127.0.0.1:PORT". */
    public String hostPort() {
        return "127.0.0.1:" + daemon.port();
    }

    /** The SHA-256 of the served certificate's DER, lower-case hex. */
    public String certificateSha256() throws IOException {
        try (InputStream in = Files.newInputStream(daemon.dir().resolve("cert.pem"))) {
            byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (CertificateException | NoSuchAlgorithmException e) {
            throw new IOException("cannot read the certificate openssl wrote in " + daemon.dir(), e);
        }
    }

    /** What xrdp said on its own output and in its log. */
    public String logs() {
        return daemon.logs();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
