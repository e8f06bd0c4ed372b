package io.tlsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * A real vsftpd (Debian's package, 3.0.3) with AUTH TLS on a free port of 127.0.0.1, in the foreground
 * ({@code background=NO}) from a private configuration in a temp dir, with its own empty {@code secure_chroot_dir};
 * the system's vsftpd is never touched. Needs root (it binds, then drops to {@code nobody} in the chroot).
 *
 * <p>Debian's vsftpd 3.0.3 knows {@code ssl_tlsv1} only (all of TLS 1.0 and later, yes or no; no
 * {@code ssl_tlsv1_1}/{@code ssl_tlsv1_2}), so the version range is stated in a private OpenSSL configuration
 * ({@code MinProtocol}/{@code MaxProtocol} of the {@code system_default} section, which OpenSSL applies to every
 * context vsftpd makes) given to it through {@code OPENSSL_CONF}.
 */
public final class VsftpdServer implements AutoCloseable {
    private static final Path VSFTPD = Path.of("/usr/sbin/vsftpd");

    private final ForegroundDaemon daemon;
    private final int port;

    private VsftpdServer(ForegroundDaemon daemon, int port) {
        this.daemon = daemon;
        this.port = port;
    }

    /**
     * Starts vsftpd serving {@code key}'s certificate, TLS versions from {@code minProtocol} to {@code maxProtocol}
     * (OpenSSL's words: {@code TLSv1}, {@code TLSv1.2}), with these vsftpd settings (e.g. {@code ssl_ciphers=...}),
     * one a line, after the defaults set here.
     */
    public static VsftpdServer start(SelfSignedKey key, String minProtocol, String maxProtocol, List<String> settings)
            throws IOException, InterruptedException {
        Path vsftpd = ForegroundDaemon.binary("vsftpd", VSFTPD);
        ForegroundDaemon.requireRoot("vsftpd");
        Path dir = ForegroundDaemon.directory("tlsweep-vsftpd");
        String d = dir.toString();
        Files.createDirectory(dir.resolve("empty"));
        key.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Files.writeString(dir.resolve("openssl.cnf"), String.join("\n",
                "openssl_conf = tlsweep_test", "[tlsweep_test]", "ssl_conf = tlsweep_ssl", "[tlsweep_ssl]",
                "system_default = tlsweep_versions", "[tlsweep_versions]", "MinProtocol = " + minProtocol,
                "MaxProtocol = " + maxProtocol, ""));
        int port = ForegroundDaemon.freePort();
        Path conf = dir.resolve("vsftpd.conf");
        Files.writeString(conf, String.join("\n",
                "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1", "listen_port=" + port, "background=NO",
                "anonymous_enable=NO", "local_enable=YES", "ssl_enable=YES", "ssl_sslv2=NO", "ssl_sslv3=NO",
                "ssl_tlsv1=YES", "rsa_cert_file=" + d + "/cert.pem", "rsa_private_key_file=" + d + "/key.pem",
                "secure_chroot_dir=" + d + "/empty", "xferlog_enable=NO", "vsftpd_log_file=" + d + "/vsftpd.log",
                String.join("\n", settings), ""));
        // vsftpd refuses a configuration file others may write
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        return new VsftpdServer(ForegroundDaemon.start("vsftpd", dir, List.of(vsftpd.toString(), conf.toString()),
                Map.of("OPENSSL_CONF", d + "/openssl.cnf"), List.of(port)), port);
    }

    public int port() {
        return port;
    }

    /** What vsftpd said, for a failing assertion. */
    public String logs() {
        return daemon.logs();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
