package io.tlsweep.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Postfix (Debian's package) with one {@code smtpd} per stated service, each on its own free port on
 * 127.0.0.1 with its own {@code -o} overrides in master.cf (its TLS versions and cipher list, whether AUTH is offered
 * before TLS). Postfix's {@code master -d} runs in the foreground from a private configuration directory with its
 * own queue and data directories in a temp dir (made Postfix's by {@code postfix set-permissions}); the system's
 * Postfix and its port 25 are never touched. Needs the {@code postfix} user the package creates, and root (master
 * switches to {@code mail_owner}). SASL: Cyrus with an empty sasldb, its mechanisms filtered to PLAIN and LOGIN
 * ({@code smtpd_sasl_mechanism_filter}; Cyrus lists every module installed otherwise), so AUTH is offered where a
 * service enables it though no login can succeed.
 */
public final class PostfixServer implements AutoCloseable {
    private static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");

    /** One smtpd service: a name for the test, and its master.cf {@code -o name=value} overrides. */
    public record Smtpd(String name, List<String> overrides) {
        public Smtpd {
            overrides = List.copyOf(overrides);
        }
    }

    private final ForegroundDaemon daemon;
    private final Map<String, Integer> ports;

    private PostfixServer(ForegroundDaemon daemon, Map<String, Integer> ports) {
        this.daemon = daemon;
        this.ports = ports;
    }

    /** Starts one master with these services, serving {@code key}'s certificate with STARTTLS offered. */
    public static PostfixServer start(SelfSignedKey key, List<Smtpd> services) throws IOException,
            InterruptedException {
        Path master = ForegroundDaemon.binary("postfix", MASTER);
        ForegroundDaemon.binary("postfix", POSTFIX);
        requireSaslPlain();
        ForegroundDaemon.requireRoot("Postfix");
        Path dir = ForegroundDaemon.directory("tlsweep-postfix");
        String d = dir.toString();
        for (String sub : List.of("etc", "queue", "data", "sasl")) {
            Files.createDirectories(dir.resolve(sub));
        }
        key.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        Files.writeString(dir.resolve("sasl/smtpd.conf"), "pwcheck_method: auxprop\nauxprop_plugin: sasldb\n"
                + "mech_list: PLAIN LOGIN\nsasldb_path: " + d + "/sasldb2\n");
        Files.writeString(dir.resolve("etc/main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + d + "/queue",
                "data_directory = " + d + "/data",
                "mail_owner = postfix",
                "myhostname = mail.tlsweep.test",
                "mydestination =",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "maillog_file = /dev/stdout",
                "smtpd_tls_cert_file = " + d + "/cert.pem",
                "smtpd_tls_key_file = " + d + "/key.pem",
                "smtpd_tls_security_level = may",
                "smtpd_tls_ciphers = high",
                "smtpd_sasl_type = cyrus",
                "cyrus_sasl_config_path = " + d + "/sasl",
                "smtpd_sasl_mechanism_filter = plain, login",
                "broken_sasl_auth_clients = yes", ""));
        Map<String, Integer> ports = new LinkedHashMap<>();
        StringBuilder masterCf = new StringBuilder();
        for (Smtpd s : services) {
            int port = ForegroundDaemon.freePort();
            ports.put(s.name(), port);
            masterCf.append("127.0.0.1:").append(port).append(" inet n - n - - smtpd");
            s.overrides().forEach(o -> masterCf.append(" -o ").append(o));
            masterCf.append('\n');
        }
        masterCf.append("""
                anvil     unix  -       -       n       -       1       anvil
                proxymap  unix  -       -       n       -       -       proxymap
                rewrite   unix  -       -       n       -       -       trivial-rewrite
                tlsmgr    unix  -       -       n       1000?   1       tlsmgr
                postlog   unix-dgram n  -       n       -       1       postlogd
                """);
        Files.writeString(dir.resolve("etc/master.cf"), masterCf);
        setPermissions(dir);
        return new PostfixServer(ForegroundDaemon.start("postfix", dir, List.of(master.toString(), "-c", d + "/etc",
                "-d"), Map.of("LC_ALL", "C"), ports.values()), ports);
    }

    /** Cyrus SASL's PLAIN and LOGIN modules (libsasl2-modules): without them smtpd offers no AUTH at all. */
    private static void requireSaslPlain() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/lib/sasl2")));
        try (DirectoryStream<Path> multiarch = Files.newDirectoryStream(Path.of("/usr/lib"), "*-linux-*")) {
            multiarch.forEach(d -> dirs.add(d.resolve("sasl2")));
        }
        for (String module : List.of("libplain.so", "liblogin.so")) {
            if (dirs.stream().noneMatch(d -> Files.exists(d.resolve(module)))) {
                throw new AssertionError("Cyrus SASL's " + module + " is not installed (looked in " + dirs + "): `sh"
                        + " scripts/test-deps.sh` (the first half of the README's test command) installs Debian's"
                        + " libsasl2-modules");
            }
        }
    }

    /** {@code postfix -c DIR/etc set-permissions}: the queue's directories, owned as master expects them. */
    private static void setPermissions(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(POSTFIX.toString(), "-c", dir + "/etc", "set-permissions")
                .redirectErrorStream(true).redirectOutput(dir.resolve("set-permissions.out").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("postfix set-permissions did not end within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("postfix set-permissions exited with " + p.exitValue() + ": "
                    + Files.readString(dir.resolve("set-permissions.out")));
        }
    }

    /** The port of the service named {@code name}. */
    public int port(String name) {
        return ports.get(name);
    }

    /** The mail log as Postfix writes it ({@code maillog_file} is its output), for tests that read it. */
    public Path mailLog() {
        return daemon.dir().resolve("daemon.out");
    }

    /** What Postfix logged (its mail log goes to its output), for a failing assertion. */
    public String logs() {
        return daemon.logs();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
