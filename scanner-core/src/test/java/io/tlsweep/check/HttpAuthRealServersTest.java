package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.check.HttpAuthCheck.Answer;
import io.tlsweep.check.HttpAuthCheck.Part;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.targets.scripted.HttpChallengeServer;
import io.tlsweep.testing.NginxServer;
import io.tlsweep.testing.OpenSslServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpAuthCheck} against real web servers on web ports of a loopback address of their own (127.x.y.z, drawn
 * at random so that no other test's listener is in the way; port 443 needs root, as the tests run): nginx 1.22 with
 * {@code auth_basic} on {@code /basic/} and an open {@code /}, OpenSSL's {@code s_server -www} (an HTTP answer, no
 * challenge), {@code s_server -rev} (no HTTP: it sends each line back reversed), the scripted JDK responder that
 * answers as IIS with Windows authentication (Negotiate, NTLM), and {@code s_server -www} on a port that is no web
 * one. Each result is stated per stack in README's http-auth block.
 */
class HttpAuthRealServersTest {
    private static final List<AutoCloseable> SERVERS = new ArrayList<>();
    private static final String ADDRESS = "127." + ThreadLocalRandom.current().nextInt(64, 192) + "."
            + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
    private static final String SNI = "www.tlsweep.test";
    private static HttpChallengeServer windows;
    private static Map<String, TargetResult> byDefault;
    private static Map<String, TargetResult> withPath;

    @BeforeAll
    static void scan() throws Exception {
        OpenSslServer.require();
        NginxServer nginx = NginxServer.serving(ADDRESS, 443, String.join("\n",
                "location = / { return 200 \"open\\n\"; }",
                // nginx challenges before it reads the user file: no user can log in, the challenge is what counts
                "location /basic/ { auth_basic \"tlsweep test\"; auth_basic_user_file /dev/null; }"));
        SERVERS.add(nginx::close);
        SERVERS.add(OpenSslServer.startAt(ADDRESS, 4443, OpenSslServer.Key.RSA, "-www"));
        SERVERS.add(OpenSslServer.startAt(ADDRESS, 9443, OpenSslServer.Key.RSA, "-rev"));
        OpenSslServer elsewhere = OpenSslServer.start("-www");
        SERVERS.add(elsewhere);
        windows = HttpChallengeServer.windowsAuthentication(ADDRESS, 8443);
        SERVERS.add(windows);
        List<Target> targets = List.of(target(443, "nginx", Optional.empty()),
                target(4443, "openssl-www", Optional.empty()), target(9443, "openssl-rev", Optional.empty()),
                target(8443, "scripted-windows-auth", Optional.of(SNI)),
                new Target("127.0.0.1:" + elsewhere.port(), "127.0.0.1", elsewhere.port(), Optional.empty(), true,
                        "openssl-www-other-port"));
        byDefault = scan(ScanOptions.versionsOnly(), targets);
        withPath = scan(ScanOptions.versionsOnly().httpPath("/basic/"), targets.subList(0, 1));
    }

    private static Map<String, TargetResult> scan(ScanOptions options, List<Target> targets) {
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(3)).targetBudget(Duration.ofMinutes(2)).maxInFlight(8)
                .perHostConnections(4).build();
        Map<String, TargetResult> scanned = new LinkedHashMap<>();
        try (TlsScanner scanner = new TlsScanner(config, options.checks(Checks.BUILT_IN.select(List.of("http-auth"))),
                List.of(), false, Checks.BUILT_IN)) {
            scanner.scan(targets.iterator(), r -> scanned.put(r.target().origin(), r)).join();
        }
        return scanned;
    }

    private static Target target(int port, String origin, Optional<String> sni) {
        return new Target(ADDRESS + ":" + port, ADDRESS, port, sni, true, origin);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable s : SERVERS) {
            s.close();
        }
    }

    private static Part part(Map<String, TargetResult> scanned, String name) {
        return new HttpAuthCheck().part(scanned.get(name)).orElseThrow(() -> new AssertionError(name + ": no part"));
    }

    private static int connections(Map<String, TargetResult> scanned, String name) {
        return scanned.get(name).checks().entries().stream().filter(e -> e.key().equals(HttpAuthCheck.KEY))
                .findFirst().orElseThrow().connections();
    }

    private static List<String> findings(Map<String, TargetResult> scanned, String name) {
        TargetResult r = scanned.get(name);
        return new HttpAuthCheck().findings(part(scanned, name), r).stream().map(f -> f.kind().label()).toList();
    }

    @Test
    void nginxOpenAtItsRootIsNotVulnerableAndWithAuthBasicOnThePathAskedItIs() {
        Part open = part(byDefault, "nginx");
        assertThat(open.judgement()).isEqualTo(Judgement.notVulnerable(
                "neither Basic nor NTLM offered (/: 200, no challenge)"));
        assertThat(connections(byDefault, "nginx")).isEqualTo(1);
        assertThat(findings(byDefault, "nginx")).isEmpty();

        Part basic = part(withPath, "nginx");
        Optional<String> server = basic.server();
        assertThat(server).as("server_tokens on, as Debian ships it").hasValueSatisfying(v -> assertThat(v)
                .matches("nginx/\\d+\\.\\d+\\.\\d+"));
        assertThat(basic.answers()).containsExactly(Answer.http("/", 200, List.of(), server),
                Answer.http("/basic/", 401, List.of("Basic"), server));
        assertThat(basic.judgement()).isEqualTo(Judgement.vulnerable("Basic offered (/basic/: 401, Basic)"));
        assertThat(basic.basic()).isTrue();
        assertThat(connections(withPath, "nginx")).as("/ and the path given").isEqualTo(2);
        assertThat(findings(withPath, "nginx")).containsExactly("http-basic-auth");
    }

    @Test
    void theScriptedWindowsAuthenticationIsTheNtlmFindingAndNoCredentialWasSent() {
        Part part = part(byDefault, "scripted-windows-auth");
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("NTLM offered (/: 401, Negotiate, NTLM)"));
        assertThat(part.basic()).isFalse();
        assertThat(part.server()).hasValue("tlsweep-scripted");
        assertThat(findings(byDefault, "scripted-windows-auth")).containsExactly("http-ntlm-auth");
        assertThat(connections(byDefault, "scripted-windows-auth")).isEqualTo(1);
        List<String> requests = windows.requests().stream().filter(r -> !r.isEmpty()).toList();
        assertThat(requests).containsExactly("GET / HTTP/1.1\r\nHost: " + SNI + ":8443\r\nUser-Agent: tlsweep\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n");
    }

    @Test
    void sServerWwwAnswersWithoutAChallengeAndSServerRevIsNoHttpServer() {
        assertThat(part(byDefault, "openssl-www").judgement()).isEqualTo(Judgement.notVulnerable(
                "neither Basic nor NTLM offered (/: 200, no challenge)"));
        assertThat(part(byDefault, "openssl-rev").judgement()).isEqualTo(Judgement.notApplicable(
                "not an HTTP server: the answer to GET / was not HTTP"));
        assertThat(connections(byDefault, "openssl-rev")).isEqualTo(1);
        assertThat(findings(byDefault, "openssl-www")).isEmpty();
        assertThat(findings(byDefault, "openssl-rev")).isEmpty();
    }

    @Test
    void aPortThatIsNoWebOneIsNotAskedAtAll() {
        Part part = part(byDefault, "openssl-www-other-port");
        assertThat(part.judgement().result()).isEqualTo(Judgement.Result.NOT_APPLICABLE);
        assertThat(part.judgement().reason()).startsWith("not a web port (port ").endsWith("; web ports: 443, 4443,"
                + " 8443, 9443, 10443)");
        assertThat(part.answers()).isEmpty();
        assertThat(connections(byDefault, "openssl-www-other-port")).isZero();
    }
}
