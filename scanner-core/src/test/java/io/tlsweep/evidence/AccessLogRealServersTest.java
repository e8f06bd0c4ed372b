package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.testing.AccessLoggingServers;
import io.tlsweep.testing.AccessLoggingServers.Listener;
import io.tlsweep.testing.ForegroundDaemon;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 1 for the web servers: real nginx, Apache httpd and HAProxy (Debian's), configured with the documented
 * log formats, receive real TLS 1.0-1.3 handshakes from {@code openssl s_client}, {@code curl}, {@code gnutls-cli}
 * and the JDK on three endpoints (two addresses, two ports, with and without SNI); their logs, read by the format the
 * readers detect, account for every handshake with its version, client, endpoint and SNI, and nothing else: not the
 * plain-HTTP request they also logged, and not a handshake that failed (which only HAProxy logs, as a failed
 * observation).
 */
class AccessLogRealServersTest {
    private static final String SNI = "legacy.tlsweep.test";

    @FunctionalInterface
    private interface Starter {
        ForegroundDaemon start(Path log, List<Listener> tls, Listener plain) throws IOException, InterruptedException;
    }

    /** What a log says of a handshake, and what the traffic made: equal when the log accounts for it. */
    private record Seen(String userAgent, ProtocolVersion version, String client, String server, int port,
            Optional<String> sni) {
    }

    @Test
    void nginxLogsEveryHandshake(@TempDir Path tmp) throws Exception {
        Collected c = exercise(tmp, (log, tls, plain) -> AccessLoggingServers.nginx(NginxLog.LOG_FORMAT, log, tls,
                plain), "nginx");
        assertThat(c.failed).isEmpty();
        assertThat(c.seen).allSatisfy(o -> assertThat(o.offered()).isPresent());
        assertThat(c.seen).filteredOn(o -> o.version().orElseThrow().equals(ProtocolVersion.TLSv1_3))
                .allSatisfy(o -> assertThat(o.offered().orElseThrow().cipherSuites()).contains(0x1301));
    }

    @Test
    void apacheLogsEveryHandshake(@TempDir Path tmp) throws Exception {
        Collected c = exercise(tmp, (log, tls, plain) -> AccessLoggingServers.apache(ApacheLog.LOG_FORMAT, log, tls,
                plain), "apache");
        assertThat(c.failed).isEmpty();
    }

    @Test
    void haproxyLogsEveryHandshakeAndTheFailedOne(@TempDir Path tmp) throws Exception {
        Collected c = exercise(tmp, (log, tls, plain) -> AccessLoggingServers.haproxy(HaproxyLog.LOG_FORMAT, log, tls,
                plain), "haproxy");
        assertThat(c.failed).singleElement().satisfies(o -> {
            assertThat(o.clientAddress()).contains("127.0.0.1");
            assertThat(o.version()).isEmpty();
            assertThat(o.userAgent()).isEmpty();
        });
        assertThat(c.text).contains("haproxy[").contains("SSL handshake failure");
    }

    /** The lines the README gives to paste are the ones the servers above were configured with. */
    @Test
    void theReadmeGivesTheTestedLines() throws IOException {
        Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        assertThat(text).contains(NginxLog.LOG_FORMAT + "\n", ApacheLog.LOG_FORMAT + "\n",
                HaproxyLog.LOG_FORMAT + "\n");
    }

    private static final class Collected implements EvidenceSink {
        final List<Observation> seen = new ArrayList<>();
        final List<Observation> failed = new ArrayList<>();
        final List<EvidenceProblem> problems = new ArrayList<>();
        String text;

        @Override
        public void observed(Observation o) {
            (o.established() ? seen : failed).add(o);
        }

        @Override
        public void problem(EvidenceProblem p) {
            problems.add(p);
        }
    }

    /**
     * Starts the server, sends the traffic, a plain-HTTP request and a handshake the server refuses, stops it, and
     * checks that the log, read by the reader detection picks, accounts for exactly the handshakes made.
     */
    private static Collected exercise(Path tmp, Starter starter, String format) throws Exception {
        int port = ForegroundDaemon.freePort();
        int other = ForegroundDaemon.freePort();
        Listener plain = new Listener("127.0.0.1", ForegroundDaemon.freePort());
        List<Listener> tls = List.of(new Listener("127.0.0.1", port), new Listener("127.0.0.2", port),
                new Listener("127.0.0.1", other));
        List<LegacyTraffic.Endpoint> endpoints = List.of(new LegacyTraffic.Endpoint("127.0.0.1", port,
                Optional.of(SNI)), new LegacyTraffic.Endpoint("127.0.0.2", port, Optional.empty()),
                new LegacyTraffic.Endpoint("127.0.0.1", other, Optional.of(SNI)));
        Path log = tmp.resolve(format + "-access.log");
        Instant begun = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<LegacyTraffic.Handshake> made;
        try (ForegroundDaemon server = starter.start(log, tls, plain)) {
            made = LegacyTraffic.send(endpoints);
            plainRequest(plain);
            refusedHandshake(port);
        }
        Instant ended = Instant.now();
        assertThat(made).hasSize(3 * 4 * 4);

        Collected c = new Collected();
        c.text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(c.text).as("the plain request is logged").contains("tlsweep-traffic/plain");
        try (EvidenceInput in = EvidenceInput.open(log)) {
            EvidenceReader reader = EvidenceReaders.detect(in.head()).orElseThrow();
            assertThat(reader.name()).isEqualTo(format);
            reader.read(in, c);
        }
        assertThat(c.problems).as(c.text).isEmpty();
        assertThat(c.seen).map(AccessLogRealServersTest::seen).as(c.text)
                .containsExactlyInAnyOrderElementsOf(made.stream().map(AccessLogRealServersTest::expected).toList());
        assertThat(c.seen).allSatisfy(o -> {
            assertThat(o.format()).isEqualTo(format);
            assertThat(o.cipher()).isPresent();
            assertThat(o.time().orElseThrow()).isBetween(begun, ended);
        });
        return c;
    }

    private static Seen seen(Observation o) {
        return new Seen(o.userAgent().orElse("(none)"), o.version().orElseThrow(), o.clientAddress().orElseThrow(),
                o.serverAddress().orElseThrow(), o.serverPort().orElseThrow(), o.serverName());
    }

    /** The client's address is 127.0.0.1 for every endpoint: the kernel's source for its loopback routes. */
    private static Seen expected(LegacyTraffic.Handshake h) {
        return new Seen(h.userAgent(), h.version(), "127.0.0.1", h.endpoint().address(), h.endpoint().port(),
                h.endpoint().sni());
    }

    private static void plainRequest(Listener plain) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "20", "-A", "tlsweep-traffic/plain", "-o",
                "/dev/null", "http://" + plain.address() + ":" + plain.port() + "/plain").redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    /** A TLS 1.2 ClientHello offering only NULL-SHA, which no server here accepts. */
    private static void refusedHandshake(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_2", "-cipher",
                "NULL-SHA:@SECLEVEL=0", "-noservername").redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
    }
}
