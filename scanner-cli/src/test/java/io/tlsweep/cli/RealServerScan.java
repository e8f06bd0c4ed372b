package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.testing.SelfSignedKey;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * What the tests against real STARTTLS servers (Postfix, Dovecot, vsftpd, slapd, PostgreSQL, MariaDB, Prosody)
 * share: one {@code tlsweep scan} of their target lines, what its lines say (versions and suites, certificate,
 * prelude, findings), and an {@code openssl s_client -starttls} handshake with a suite the scan found, as a second,
 * independent client.
 */
final class RealServerScan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealServerScan() {
    }

    /** Scans these target lines (without client profiles) and returns each line's result by its target line. */
    static Map<String, JsonNode> scan(Path dir, List<String> targetLines, String logs) throws IOException {
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, String.join("\n", targetLines) + "\n");
        Path out = dir.resolve("out");
        CliRun r = CliRun.tlsweep("scan", "-q", "--no-profiles", "--read-timeout", "5000", "--rate", "0", "-o",
                out.toString(), "-iL", hosts.toString());
        assertThat(r.exit()).as("tlsweep scan: %s%n%s", r.err(), logs).isEqualTo(ExitCodes.OK);
        Map<String, JsonNode> byLine = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            int number = Integer.parseInt(n.get("origin").asText().substring(hosts.toString().length() + 1));
            byLine.put(targetLines.get(number - 1), n);
        }
        assertThat(byLine).as(logs).containsOnlyKeys(targetLines);
        return byLine;
    }

    /** The line's versions, each with its suites' IANA names. */
    static Map<String, Set<String>> suitesByVersion(JsonNode line) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (JsonNode p : line.get("protocols")) {
            Set<String> names = new TreeSet<>();
            p.get("cipherSuites").forEach(s -> names.add(s.get("name").asText()));
            found.put(p.get("version").asText(), names);
        }
        return found;
    }

    /** The expected versions and suites in the same shape as {@link #suitesByVersion}. */
    static Map<String, Set<String>> expect(Map<String, List<String>> suites) {
        Map<String, Set<String>> expected = new TreeMap<>();
        suites.forEach((version, names) -> expected.put(version, new TreeSet<>(names)));
        return expected;
    }

    /** Lower-case hex SHA-256 of the certificate's DER, as the line's {@code certificates[].sha256}. */
    static String sha256(SelfSignedKey key) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded()));
    }

    /**
     * Asserts that the line's first certificate is the key's: its {@code sha256}, and its {@code der} decoded, with
     * the key's subject.
     */
    static void assertCertificate(JsonNode line, SelfSignedKey key) throws GeneralSecurityException {
        JsonNode first = line.get("certificates").get(0);
        assertThat(first.get("sha256").asText()).isEqualTo(sha256(key));
        X509Certificate served = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(first.get("der").asText())));
        assertThat(served.getSubjectX500Principal()).isEqualTo(key.certificate().getSubjectX500Principal());
        assertThat(served).isEqualTo(key.certificate());
    }

    /** The kinds and details of the line's findings of this kind. */
    static List<String> findings(JsonNode line, String kind) {
        List<String> details = new ArrayList<>();
        line.get("findings").forEach(f -> {
            if (f.get("kind").asText().equals(kind)) {
                details.add(f.get("detail").asText());
            }
        });
        return details;
    }

    /**
     * {@code openssl s_client -starttls PROTOCOL -connect ADDRESS:PORT -tls1_2 -cipher SUITE} with its input
     * closed: asserts that the handshake completed with that suite (s_client reports it, exit 0).
     */
    static void assertSClientHandshake(String protocol, String address, int port, String ianaSuite)
            throws IOException, InterruptedException {
        OpenSslServer.require();
        String suite = openSslName(ianaSuite);
        String said = sClient(List.of("openssl", "s_client", "-starttls", protocol, "-connect", address + ":" + port,
                "-tls1_2", "-cipher", suite + ":@SECLEVEL=0", "-brief"));
        assertThat(said).as("s_client -starttls %s with %s", protocol, suite)
                .contains("Protocol version: TLSv1.2").contains("Ciphersuite: " + suite);
    }

    /**
     * {@code openssl s_client -starttls PROTOCOL -connect ADDRESS:PORT EXTRA... -brief} with its input closed and
     * OpenSSL's own choice of versions and suites (narrowed only by {@code extra}, e.g. {@code -tls1_2} or
     * {@code -xmpphost NAME}): asserts that the handshake completed (exit 0) with a version and suite that the scan
     * found on the line, {@code scanned} as {@link #suitesByVersion} gives it, and returns them ("TLSv1.3
     * TLS_AES_256_GCM_SHA384").
     */
    static String assertSClientAgrees(String protocol, String address, int port, Map<String, Set<String>> scanned,
            String... extra) throws IOException, InterruptedException {
        OpenSslServer.require();
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-starttls", protocol, "-connect",
                address + ":" + port));
        command.addAll(List.of(extra));
        command.add("-brief");
        String said = sClient(command);
        String version = field(said, "Protocol version: ");
        String suite = ianaName(field(said, "Ciphersuite: "));
        assertThat(scanned).as("%s negotiated %s %s: %s", command, version, suite, said).containsKey(version);
        assertThat(scanned.get(version)).as("%s negotiated %s %s: %s", command, version, suite, said).contains(suite);
        return version + " " + suite;
    }

    private static String field(String said, String prefix) {
        return said.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .findFirst().orElseThrow(() -> new AssertionError("s_client said no \"" + prefix + "\": " + said));
    }

    /** OpenSSL's name of an IANA suite name, from {@code openssl ciphers -stdname}. */
    private static String openSslName(String ianaSuite) throws IOException, InterruptedException {
        String name = stdnames().get(ianaSuite);
        if (name == null) {
            throw new AssertionError("openssl ciphers -stdname does not know " + ianaSuite);
        }
        return name;
    }

    /** The IANA name of a suite s_client names in OpenSSL's words (TLS 1.3's are the same in both). */
    private static String ianaName(String openSslSuite) throws IOException, InterruptedException {
        return stdnames().entrySet().stream().filter(e -> e.getValue().equals(openSslSuite)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("openssl ciphers -stdname does not know "
                        + openSslSuite));
    }

    /** Every suite OpenSSL knows, IANA name to OpenSSL's name, from {@code openssl ciphers -stdname}. */
    private static Map<String, String> stdnames() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "ciphers", "-stdname", "ALL:@SECLEVEL=0").redirectErrorStream(true)
                .start();
        String table = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl ciphers ended").isTrue();
        Map<String, String> names = new LinkedHashMap<>();
        for (String row : table.split("\n")) {
            String[] cols = row.trim().split("\\s+");
            if (cols.length > 2 && cols[1].equals("-")) {
                names.put(cols[0], cols[2]);
            }
        }
        return names;
    }

    /**
     * Runs {@code command} (an {@code openssl s_client}) with its input closed, for at most 30 s, asserts that it
     * ended with exit 0, and returns what it printed (standard output and error).
     */
    private static String sClient(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] output = p.getInputStream().readAllBytes();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String said = new String(output, StandardCharsets.UTF_8);
        assertThat(ended).as("s_client ended").isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, said).isZero();
        return said;
    }
}
