package io.tlsweep.targets;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code openssl s_client} against 127.0.0.1 only: stdin closed, output to a temp file, a hard
 * timeout per process, the process killed in {@code finally}. OPENSSL_CONF points at an empty file
 * so the distribution's MinProtocol / SECLEVEL settings do not decide what is offered.
 */
final class OpensslClient {

    /** One suite as {@code openssl ciphers -V} names it. */
    record OpensslSuite(int code, String name, boolean tls13) {
    }

    /** Outcome of one s_client run. */
    record Handshake(boolean connected, String protocol, String cipher, String output) {
    }

    static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256");
    private static final Pattern NEGOTIATED = Pattern.compile("New, (\\S+), Cipher is (\\S+)");
    private static final Pattern PROTOCOL = Pattern.compile("(?m)^\\s*Protocol\\s*:\\s*(\\S+)");
    private static final Pattern CIPHER_LINE = Pattern.compile("^\\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\\S+)\\s+(\\S+)");
    private static final long TIMEOUT_SECONDS = 10;

    private final String binary;

    private OpensslClient(String binary) {
        this.binary = binary;
    }

    /** The openssl binary on PATH, if any. */
    static Optional<OpensslClient> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "openssl");
            if (candidate.canExecute()) {
                return Optional.of(new OpensslClient(candidate.getAbsolutePath()));
            }
        }
        return Optional.empty();
    }

    /** Every suite this openssl knows: {@code ALL:COMPLEMENTOFALL:@SECLEVEL=0} plus the five TLS 1.3 suites. */
    List<OpensslSuite> knownSuites() {
        String out = run(List.of(binary, "ciphers", "-V", "-ciphersuites", String.join(":", TLS13_SUITES),
                "ALL:COMPLEMENTOFALL:@SECLEVEL=0"));
        List<OpensslSuite> suites = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = CIPHER_LINE.matcher(line);
            if (m.find()) {
                int code = Integer.parseInt(m.group(1) + m.group(2), 16);
                suites.add(new OpensslSuite(code, m.group(3), m.group(4).equals("TLSv1.3")));
            }
        }
        return suites;
    }

    /** A handshake at exactly {@code version}, offering {@code suites} in this order. */
    Handshake handshake(FarmTarget target, TlsVersion version, List<String> suites, String serverName,
                        boolean showCerts) {
        List<String> command = new ArrayList<>(List.of(binary, "s_client", "-connect",
                "127.0.0.1:" + target.port(), flag(version)));
        if (!target.host().startsWith("127.")) {
            throw new IllegalArgumentException("tests talk to loopback only: " + target.host());
        }
        if (version == TlsVersion.TLS1_3) {
            command.addAll(List.of("-ciphersuites", String.join(":", suites)));
        } else {
            command.addAll(List.of("-cipher", String.join(":", suites) + ":@SECLEVEL=0"));
        }
        if (serverName != null) {
            command.addAll(List.of("-servername", serverName));
        }
        if (showCerts) {
            command.add("-showcerts");
        }
        String out = run(command);
        Matcher m = NEGOTIATED.matcher(out);
        if (m.find() && !m.group(2).equals("(NONE)")) {
            // "New, X," names the suite's own version; the session block names the protocol, but
            // s_client may leave before printing it in TLS 1.3, where only TLS 1.3 suites exist
            Matcher p = PROTOCOL.matcher(out);
            String protocol = p.find() ? p.group(1) : m.group(1).equals("TLSv1.3") ? "TLSv1.3" : "?";
            return new Handshake(true, protocol, m.group(2), out);
        }
        return new Handshake(false, null, null, out);
    }

    private static String flag(TlsVersion version) {
        return switch (version) {
            case TLS1_0 -> "-tls1";
            case TLS1_1 -> "-tls1_1";
            case TLS1_2 -> "-tls1_2";
            case TLS1_3 -> "-tls1_3";
        };
    }

    private static String run(List<String> command) {
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("s_client", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            Map<String, String> env = builder.environment();
            env.put("OPENSSL_CONF", "/dev/null");
            process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return "TIMEOUT after " + TIMEOUT_SECONDS + " s: " + command;
            }
            return Files.readString(out, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
