package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real TLS 1.0, 1.1, 1.2 and 1.3 handshakes from real clients against a server's endpoints on loopback: {@code openssl
 * s_client}, {@code curl}, {@code gnutls-cli} (Debian's) and the JDK, each version once per client and endpoint,
 * each carrying one HTTP request whose path and User-Agent name the client and version (so a log proves the
 * attribution). What it made is returned, for a test to account for every handshake in a log, or in a capture of the
 * same traffic. The clients run one after another, each bounded to 30 s; one that fails is an {@link AssertionError}
 * with its output. Legacy versions need {@code @SECLEVEL=0} in OpenSSL 3's cipher strings, and the JDK client runs in
 * a {@code java} process of its own with a security properties file that re-enables TLS 1.0 and 1.1.
 */
public final class LegacyTraffic {
    /** The versions sent, oldest first. */
    public static final List<ProtocolVersion> VERSIONS = List.of(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1,
            ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3);
    /** The JDK's disabled algorithms without TLS 1.0, 1.1 and SHA-1, for the JDK client's own process. */
    private static final String JDK_SECURITY = "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA,"
            + " DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL\n";

    /** A TLS client. */
    public enum Client {
        OPENSSL, CURL, GNUTLS, JDK;

        /** Its name in paths and user agents. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A server endpoint the traffic goes to: a loopback address, a port, and the SNI name sent (if any). */
    public record Endpoint(String address, int port, Optional<String> sni) {
    }

    /**
     * One handshake made.
     *
     * @param client who made it
     * @param version the one version it allowed
     * @param endpoint where to
     * @param userAgent the User-Agent of its request, unique within one {@link #send}
     * @param path the request's path
     * @param established whether it completed (every handshake here does: the servers accept all four versions)
     */
    public record Handshake(Client client, ProtocolVersion version, Endpoint endpoint, String userAgent, String path,
            boolean established) {
    }

    private LegacyTraffic() {
    }

    /** Every client, every version, to each endpoint in turn. */
    public static List<Handshake> send(List<Endpoint> endpoints) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tlsweep-traffic");
        try {
            Path security = Files.writeString(dir.resolve("java.security"), JDK_SECURITY);
            List<Handshake> made = new ArrayList<>();
            for (Endpoint e : endpoints) {
                for (Client c : List.of(Client.OPENSSL, Client.CURL, Client.GNUTLS)) {
                    for (ProtocolVersion v : VERSIONS) {
                        Handshake h = planned(c, v, e, made.size());
                        expectAnswer(h, run(command(h), request(h)));
                        made.add(h);
                    }
                }
                List<Handshake> jdk = new ArrayList<>();
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Djava.security.properties=" + security, "-cp", testClasses(),
                        JdkHandshakes.class.getName(), e.address(), String.valueOf(e.port()), e.sni().orElse("-")));
                for (ProtocolVersion v : VERSIONS) {
                    Handshake h = planned(Client.JDK, v, e, made.size() + jdk.size());
                    jdk.add(h);
                    cmd.addAll(List.of(javaName(v), h.path(), h.userAgent()));
                }
                String out = run(cmd, "");
                for (Handshake h : jdk) {
                    String name = javaName(h.version());
                    if (!out.contains("ok " + name + " " + name + " HTTP/1.")) {
                        throw new AssertionError("the JDK's " + h.version() + " handshake with " + e + " failed:\n"
                                + out);
                    }
                }
                made.addAll(jdk);
            }
            return List.copyOf(made);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The JDK's name of a version ("TLSv1" for TLS 1.0). */
    private static String javaName(ProtocolVersion v) {
        return v.equals(ProtocolVersion.TLSv1_0) ? "TLSv1" : v.displayName();
    }

    private static Handshake planned(Client c, ProtocolVersion v, Endpoint e, int n) {
        return new Handshake(c, v, e, "tlsweep-traffic/" + c.label() + "/" + v + " #" + n,
                "/" + c.label() + "/" + v + "/" + n, true);
    }

    private static String request(Handshake h) {
        return "GET " + h.path() + " HTTP/1.0\r\nHost: " + h.endpoint().sni().orElse(h.endpoint().address())
                + "\r\nUser-Agent: " + h.userAgent() + "\r\n\r\n";
    }

    private static List<String> command(Handshake h) {
        Endpoint e = h.endpoint();
        String hostPort = e.address() + ":" + e.port();
        int minor = h.version().code() - 0x0301;
        List<String> cmd = new ArrayList<>();
        switch (h.client()) {
            case OPENSSL -> {
                cmd.addAll(List.of("openssl", "s_client", "-connect", hostPort, "-quiet",
                        Map.of(0, "-tls1", 1, "-tls1_1", 2, "-tls1_2", 3, "-tls1_3").get(minor),
                        "-cipher", "DEFAULT:@SECLEVEL=0"));
                e.sni().ifPresentOrElse(n -> cmd.addAll(List.of("-servername", n)), () -> cmd.add("-noservername"));
            }
            case CURL -> {
                String host = e.sni().orElse(e.address());
                cmd.addAll(List.of("curl", "-sS", "-k", "--max-time", "20", "--tlsv1." + minor, "--tls-max",
                        "1." + minor, "--ciphers", "DEFAULT:@SECLEVEL=0", "-A", h.userAgent(), "-o", "/dev/null",
                        "-w", "HTTP/1.x %{http_code}\\n", "https://" + host + ":" + e.port() + h.path()));
                e.sni().ifPresent(n -> cmd.addAll(List.of("--resolve", n + ":" + e.port() + ":" + e.address())));
            }
            case GNUTLS -> {
                cmd.addAll(List.of("gnutls-cli", "--insecure", "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1." + minor,
                        "-p", String.valueOf(e.port()), e.address()));
                e.sni().ifPresent(n -> cmd.addAll(List.of("--sni-hostname", n)));
            }
            case JDK -> throw new IllegalArgumentException("the JDK's handshakes run in one process per endpoint");
        }
        return cmd;
    }

    private static void expectAnswer(Handshake h, String out) {
        boolean answered = h.client() == Client.CURL ? out.matches("(?s)HTTP/1\\.x [1-5]\\d\\d\\s*")
                : out.contains("HTTP/1.");
        if (!answered) {
            throw new AssertionError(h.client().label() + "'s " + h.version() + " request to " + h.endpoint()
                    + " got no HTTP answer:\n" + out);
        }
    }

    /** Runs a client with {@code input} on its stdin; its output and error, once it ended (30 s at most). */
    private static String run(List<String> cmd, String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        try (var stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the client ended before reading its input (a refused handshake): its output says what happened
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(cmd + " did not end within 30 s");
        }
        return out.join();
    }

    private static String testClasses() {
        try {
            return Path.of(JdkHandshakes.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
