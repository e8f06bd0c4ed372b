package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.testing.PostfixServer;
import io.tlsweep.testing.PostfixServer.Smtpd;
import io.tlsweep.testing.SelfSignedKey;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 1 for Postfix: a real Postfix from Debian ({@link PostfixServer}: {@code master -d}, a private
 * configuration, its {@code maillog_file} in the temp dir) with {@code smtpd_tls_loglevel = 1} and TLS 1.0 to 1.3
 * enabled at OpenSSL's security level 0, receives real STARTTLS handshakes from {@code openssl s_client} (each
 * version), {@code gnutls-cli} and the JDK (in its own {@code java} process, from its own 127.0.0.x address, with a
 * security properties file that re-enables TLS 1.0 and 1.1), one after the other, each waited for in the log; then
 * the log is read by {@link PostfixLog} and every handshake must be there, in order, with its version, its client
 * address and the port of its service. A second service logs as {@code postfix/submission} (port 587 in the
 * observations), a third accepts TLS 1.2 only: a TLS 1.0 client's {@code SSL_accept error} there is skipped.
 */
class PostfixLogRealTest {
    private static final String LEGACY_OK = "DEFAULT:@SECLEVEL=0";
    private static PostfixServer postfix;

    private record Client(String what, List<String> command, ProtocolVersion version, String address, int port) {
    }

    @BeforeAll
    static void start() throws Exception {
        List<String> tls = List.of("smtpd_tls_loglevel=1", "smtpd_tls_protocols=>=TLSv1",
                "smtpd_tls_ciphers=low", "tls_low_cipherlist=" + LEGACY_OK);
        List<String> submission = new ArrayList<>(tls);
        submission.add("syslog_name=postfix/submission");
        postfix = PostfixServer.start(SelfSignedKey.rsa2048(), List.of(new Smtpd("smtp", tls),
                new Smtpd("submission", submission), new Smtpd("modern", List.of("smtpd_tls_loglevel=1",
                        "smtpd_tls_protocols=>=TLSv1.2"))));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (postfix != null) {
            postfix.close();
        }
    }

    @Test
    void everyHandshakeIsInTheLogWithItsVersionClientAndService(@TempDir Path tmp) throws Exception {
        int smtp = postfix.port("smtp");
        int submission = postfix.port("submission");
        List<Client> clients = new ArrayList<>();
        for (String v : List.of("1", "1_1", "1_2", "1_3")) {
            ProtocolVersion version = ProtocolVersion.parse("TLSv" + v.replace('_', '.')).orElseThrow();
            clients.add(new Client("openssl -tls" + v, List.of("openssl", "s_client", "-connect", "127.0.0.1:" + smtp,
                    "-starttls", "smtp", "-tls" + v, "-cipher", LEGACY_OK), version, "127.0.0.1", -1));
        }
        clients.add(new Client("openssl on submission", List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + submission, "-starttls", "smtp", "-tls1", "-cipher", LEGACY_OK), ProtocolVersion.TLSv1_0,
                "127.0.0.1", 587));
        for (String v : List.of("1.0", "1.2", "1.3")) {
            clients.add(new Client("gnutls-cli TLS " + v, List.of("gnutls-cli", "--starttls-proto=smtp", "--insecure",
                    "--port=" + smtp, "--priority=NORMAL:-VERS-ALL:+VERS-TLS" + v, "127.0.0.1"),
                    ProtocolVersion.parse(v).orElseThrow(), "127.0.0.1", -1));
        }
        Path security = tmp.resolve("legacy.security");
        Files.writeString(security, "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, NULL, anon\n");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int source = 2;
        for (String v : List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
            String address = "127.0.0." + source++;
            clients.add(new Client("JDK " + v, List.of(javaBin, "-Djava.security.properties=" + security, "-cp",
                    System.getProperty("java.class.path"), JdkStarttlsClient.class.getName(), Integer.toString(smtp),
                    v, address), ProtocolVersion.parse(v).orElseThrow(), address, -1));
        }
        Instant before = Instant.now().minusSeconds(2);
        int established = 0;
        for (Client c : clients) {
            String out = run(c.command(), tmp);
            established++;
            awaitLines(" TLS connection established from ", established, c.what() + " said:\n" + out);
        }
        String refused = run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + postfix.port("modern"),
                "-starttls", "smtp", "-tls1", "-cipher", LEGACY_OK), tmp);
        awaitLines("SSL_accept error from ", 1, "openssl -tls1 on the TLS 1.2 service said:\n" + refused);
        Instant after = Instant.now().plusSeconds(2);

        Collected read = read(postfix.mailLog(), new PostfixLog(ZonedDateTime.now(ZoneOffset.UTC).getYear(),
                ZoneId.systemDefault()));
        assertThat(read.problems).as(postfix.logs()).isEmpty();
        assertThat(read.seen).as(postfix.logs()).hasSize(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            Client c = clients.get(i);
            Observation o = read.seen.get(i);
            assertThat(o.version()).as(c.what()).contains(c.version());
            assertThat(o.clientAddress()).as(c.what()).contains(c.address());
            assertThat(o.serverPort().isPresent() ? o.serverPort().getAsInt() : -1).as(c.what()).isEqualTo(c.port());
            assertThat(o.serverAddress()).as(c.what()).isEmpty();
            assertThat(o.cipher()).as(c.what()).isPresent();
            assertThat(o.established()).isTrue();
            assertThat(o.time().orElseThrow()).as(c.what()).isBetween(before, after);
            assertThat(o.format()).isEqualTo("postfix");
        }
    }


    private static Collected read(Path log, PostfixLog reader) throws IOException {
        Collected c = new Collected();
        try (EvidenceInput in = EvidenceInput.open(log)) {
            assertThat(EvidenceReaders.detect(in.head())).as("detected").containsInstanceOf(PostfixLog.class);
            reader.read(in, c);
        }
        return c;
    }

    /** Waits (10 s at most) until the mail log has {@code count} lines containing {@code mark}. */
    private static void awaitLines(String mark, int count, String context) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long seen = 0;
        while (System.nanoTime() < deadline) {
            try (var lines = Files.lines(postfix.mailLog(), StandardCharsets.UTF_8)) {
                seen = lines.filter(l -> l.contains(mark)).count();
            }
            if (seen >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(count + " lines with '" + mark + "' expected in the log, " + seen + " there; "
                + context + "\n" + postfix.logs());
    }

    /** Runs a client with no input (it ends after the handshake), 20 s at most; its output, for messages. */
    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException(command.get(0) + " did not end within 20 s");
        }
        return "exit " + p.exitValue() + ": " + out.join();
    }
}
