package io.tlsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real Dovecot (Debian's dovecot-core, -imapd, -pop3d and -managesieved) serving IMAP, POP3 and ManageSieve with
 * STARTTLS, each on a free port of {@value #ADDRESS}, run in the foreground ({@code dovecot -F}) from a private
 * configuration in a temp dir (its own base_dir, state_dir and log); the system's Dovecot is never touched. Needs
 * root and the {@code dovecot} and {@code dovenull} users the package creates.
 *
 * <p>It listens on 127.0.0.2 so that a client from 127.0.0.1 (the kernel's source address toward any 127/8
 * address) is not on the server's own address: Dovecot counts such a connection as secured and would offer
 * plain-text logins it keeps for TLS otherwise.
 */
public final class DovecotServer implements AutoCloseable {
    public static final String ADDRESS = "127.0.0.2";
    private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    private static final String PACKAGES = "dovecot-core dovecot-imapd dovecot-pop3d dovecot-managesieved";

    private final ForegroundDaemon daemon;
    private final Map<String, Integer> ports;

    private DovecotServer(ForegroundDaemon daemon, Map<String, Integer> ports) {
        this.daemon = daemon;
        this.ports = ports;
    }

    /**
     * Starts Dovecot serving {@code key}'s certificate with these settings (e.g. {@code ssl_min_protocol},
     * {@code ssl_cipher_list}, {@code ssl_cipher_suites}, {@code disable_plaintext_auth}), one a line, after the
     * defaults set here.
     */
    public static DovecotServer start(SelfSignedKey key, List<String> settings) throws IOException,
            InterruptedException {
        Path dovecot = ForegroundDaemon.binary(PACKAGES, DOVECOT);
        ForegroundDaemon.binary(PACKAGES, Path.of("/usr/lib/dovecot/imap-login"),
                Path.of("/usr/libexec/dovecot/imap-login"));
        ForegroundDaemon.binary(PACKAGES, Path.of("/usr/lib/dovecot/pop3-login"),
                Path.of("/usr/libexec/dovecot/pop3-login"));
        ForegroundDaemon.binary(PACKAGES, Path.of("/usr/lib/dovecot/managesieve-login"),
                Path.of("/usr/libexec/dovecot/managesieve-login"));
        ForegroundDaemon.requireRoot("Dovecot");
        Path dir = ForegroundDaemon.directory("tlsweep-dovecot");
        String d = dir.toString();
        key.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Map<String, Integer> ports = Map.of("imap", ForegroundDaemon.freePort(), "pop3", ForegroundDaemon.freePort(),
                "sieve", ForegroundDaemon.freePort());
        Files.writeString(dir.resolve("dovecot.conf"), String.join("\n",
                "base_dir = " + d + "/run",
                "state_dir = " + d + "/state",
                "log_path = " + d + "/dovecot.log",
                "protocols = imap pop3 sieve",
                "listen = " + ADDRESS,
                "ssl = yes",
                "ssl_cert = <" + d + "/cert.pem",
                "ssl_key = <" + d + "/key.pem",
                "auth_mechanisms = plain login",
                "passdb {", "  driver = static", "  args = password=unused", "}",
                "userdb {", "  driver = static", "  args = uid=nobody gid=nogroup home=" + d + "/home/%u", "}",
                listener("imap-login", "imap", ports.get("imap"), "imaps"),
                listener("pop3-login", "pop3", ports.get("pop3"), "pop3s"),
                listener("managesieve-login", "sieve", ports.get("sieve"), null),
                String.join("\n", settings), ""));
        return new DovecotServer(ForegroundDaemon.start("dovecot", dir, List.of(dovecot.toString(), "-F", "-c",
                d + "/dovecot.conf"), Map.of(), ports.values()), ports);
    }

    private static String listener(String service, String name, int port, String directTls) {
        return "service " + service + " {\n  inet_listener " + name + " {\n    address = " + ADDRESS
                + "\n    port = " + port + "\n  }\n"
                + (directTls == null ? "" : "  inet_listener " + directTls + " {\n    port = 0\n  }\n") + "}";
    }

    /** The port of {@code imap}, {@code pop3} or {@code sieve}. */
    public int port(String protocol) {
        return ports.get(protocol);
    }

    /** What Dovecot logged, for a failing assertion. */
    public String logs() {
        return daemon.logs();
    }

    /** SIGTERM without waiting, so that several servers shut down at once; {@link #close} waits. */
    public void requestStop() {
        daemon.requestStop();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
