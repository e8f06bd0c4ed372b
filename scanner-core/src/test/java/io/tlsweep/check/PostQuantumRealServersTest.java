package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Evidence;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.check.PostQuantumPart.Answer;
import io.tlsweep.check.PostQuantumPart.GroupAnswer;
import io.tlsweep.check.PostQuantumPart.Preference;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.report.JsonLinesReader;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ReportSet;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.TextReport;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.targets.TlsTargetSpec;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.testing.GnutlsServer;
import io.tlsweep.testing.NginxServer;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-quantum check against real stacks, each started here on 127.0.0.1 and stopped here. BoringSSL
 * (netty-tcnative-boringssl-static 2.0.84) serves X25519MLKEM768 and X25519Kyber768Draft00 when its groups are set,
 * and keeps to its own order: with the hybrids first it is reported with both, in that order, and picks
 * X25519MLKEM768 beside x25519; with x25519 first it still takes X25519MLKEM768 asked alone but picks x25519. Bouncy
 * Castle 1.84's server takes X25519MLKEM768 with its defaults, and all three ML-KEM hybrids, in its order, once set.
 * OpenSSL 3.0's s_server, GnuTLS 3.7's gnutls-serv,
 * nginx on OpenSSL 3.0 and the JDK's server are reported without post-quantum key exchange; a TLS 1.2-only server is
 * not-applicable at no cost.
 * Then the lines, summary.json and the terminal summary count the endpoints with post-quantum key exchange.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostQuantumRealServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The check's cost when the scan's own TLS 1.3 group enumeration ran to the server's refusal, as it does here. */
    private static final String SHARES_AND_PREFERENCE = "4 hybrid shares + 1 beside x25519; none by HelloRetryRequest,"
            + " which the scan's group enumeration answered";
    private static final List<String> BORINGSSL_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    private TargetFarm farm;
    private OpenSslServer openssl;
    private GnutlsServer gnutls;
    private NginxServer nginx;
    private final Map<String, TargetResult> results = new LinkedHashMap<>();

    private static TlsTargetSpec boringSsl(String name, String... groups) {
        return TargetSpec.tls(name).stack(TlsStack.BORINGSSL).versions(TlsVersion.TLS1_2, TlsVersion.TLS1_3)
                .cipherSuites(BORINGSSL_SUITES.toArray(String[]::new)).groups(List.of(groups)).serverOrder(true)
                .build();
    }

    @BeforeAll
    void scan() throws Exception {
        OpenSslServer.require();
        farm = TargetFarm.start(List.of(
                boringSsl("boringssl-pq-first", "X25519MLKEM768", "X25519Kyber768Draft00", "X25519"),
                boringSsl("boringssl-x25519-first", "X25519", "X25519MLKEM768"),
                DefaultProfiles.modernTls12And13(),
                TargetSpec.tls("bouncy-castle-tls13").stack(TlsStack.BOUNCY_CASTLE)
                        .versions(TlsVersion.TLS1_2, TlsVersion.TLS1_3)
                        .cipherSuites("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").build(),
                TargetSpec.tls("bouncy-castle-mlkem").stack(TlsStack.BOUNCY_CASTLE).versions(TlsVersion.TLS1_3)
                        .cipherSuites("TLS_AES_128_GCM_SHA256").serverOrder(true).groups(List.of("SecP384r1MLKEM1024",
                                "SecP256r1MLKEM768", "X25519MLKEM768", "x25519")).build(),
                DefaultProfiles.mixed()));
        openssl = OpenSslServer.start("-tls1_3");
        gnutls = GnutlsServer.start("NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2");
        nginx = NginxServer.start("ssl_protocols TLSv1.2 TLSv1.3;");
        List<Target> targets = new ArrayList<>();
        for (String name : List.of("boringssl-pq-first", "boringssl-x25519-first", "modern-tls12-13",
                "bouncy-castle-tls13", "bouncy-castle-mlkem", "mixed-tls10-12")) {
            FarmTarget t = farm.target(name);
            targets.add(target(t.host(), t.port(), name));
        }
        targets.add(target("127.0.0.1", openssl.port(), "openssl-3.0"));
        targets.add(target("127.0.0.1", gnutls.port(), "gnutls"));
        targets.add(target("127.0.0.1", Integer.parseInt(nginx.hostPort().split(":")[1]), "nginx"));
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(3)).targetBudget(Duration.ofSeconds(90)).maxInFlight(32)
                .perHostConnections(32).build();
        try (TlsScanner scanner = new TlsScanner(config, ScanOptions.full(), List.of(), false, Checks.BUILT_IN)) {
            scanner.scan(targets.iterator(), r -> results.put(r.target().origin(), r)).join();
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (gnutls != null) {
            gnutls.close();
        }
        if (openssl != null) {
            openssl.close();
        }
        if (farm != null) {
            farm.close();
        }
    }

    private static Target target(String host, int port, String origin) {
        return new Target(host + ":" + port, host, port, Optional.empty(), true, origin);
    }

    private PostQuantumPart part(String origin) {
        return results.get(origin).checks().get(PostQuantumCheck.KEY).orElseThrow(() -> new AssertionError(
                origin + ": no post-quantum part; the scan found " + results.get(origin).protocols()));
    }

    private int connections(String origin) {
        return results.get(origin).checks().entries().stream().filter(e -> e.key().equals(PostQuantumCheck.KEY))
                .findFirst().orElseThrow().connections();
    }

    @Test
    void boringSslWithTheHybridsFirstIsReportedWithThemInItsOrder() {
        PostQuantumPart p = part("boringssl-pq-first");
        assertThat(p.groups()).containsExactly(
                new GroupAnswer(NamedGroup.X25519_MLKEM768, Answer.ACCEPTED, Answer.ACCEPTED, Optional.of(1120)),
                new GroupAnswer(NamedGroup.X25519_KYBER768_DRAFT00, Answer.ACCEPTED, Answer.ACCEPTED,
                        Optional.of(1120)),
                new GroupAnswer(NamedGroup.SECP256R1_MLKEM768, Answer.REFUSED, Answer.REFUSED, Optional.empty()),
                new GroupAnswer(NamedGroup.SECP384R1_MLKEM1024, Answer.REFUSED, Answer.REFUSED, Optional.empty()));
        assertThat(p.preference()).contains(Preference.of(NamedGroup.X25519_MLKEM768, false));
        assertThat(p.pqKeyExchange()).isTrue();
        assertThat(p.judgement().result()).isEqualTo(Judgement.Result.NOT_VULNERABLE);
        assertThat(connections("boringssl-pq-first")).as(SHARES_AND_PREFERENCE).isEqualTo(5);
        ProtocolSupport tls13 = results.get("boringssl-pq-first").protocols().stream()
                .filter(s -> s.version().equals(ProtocolVersion.TLSv1_3)).findFirst().orElseThrow();
        assertThat(tls13.groups()).as("the scan's own group enumeration agrees")
                .containsExactly(NamedGroup.X25519_MLKEM768, NamedGroup.X25519_KYBER768_DRAFT00, NamedGroup.X25519);
    }

    @Test
    void boringSslWithX25519FirstTakesTheHybridAskedAloneButPicksX25519() {
        PostQuantumPart p = part("boringssl-x25519-first");
        assertThat(p.accepted()).containsExactly(NamedGroup.X25519_MLKEM768);
        assertThat(p.preference()).contains(Preference.of(NamedGroup.X25519, false));
        assertThat(p.pqKeyExchange()).isTrue();
        assertThat(p.judgement().reason()).endsWith("it picks x25519");
        assertThat(connections("boringssl-x25519-first")).as(SHARES_AND_PREFERENCE).isEqualTo(5);
    }

    /**
     * Bouncy Castle 1.84's TLS server, with its defaults, takes X25519MLKEM768 (its own ML-KEM, not BoringSSL's)
     * both ways and picks it beside x25519; its other hybrids are not on by default.
     */
    @Test
    void bouncyCastleTakesX25519Mlkem768ByDefault() {
        PostQuantumPart p = part("bouncy-castle-tls13");
        assertThat(p.groups()).containsExactly(
                new GroupAnswer(NamedGroup.X25519_MLKEM768, Answer.ACCEPTED, Answer.ACCEPTED, Optional.of(1120)),
                new GroupAnswer(NamedGroup.SECP256R1_MLKEM768, Answer.REFUSED, Answer.REFUSED, Optional.empty()),
                new GroupAnswer(NamedGroup.SECP384R1_MLKEM1024, Answer.REFUSED, Answer.REFUSED, Optional.empty()),
                new GroupAnswer(NamedGroup.X25519_KYBER768_DRAFT00, Answer.REFUSED, Answer.REFUSED,
                        Optional.empty()));
        assertThat(p.preference()).contains(Preference.of(NamedGroup.X25519_MLKEM768, false));
        assertThat(p.pqKeyExchange()).isTrue();
        assertThat(connections("bouncy-castle-tls13")).as(SHARES_AND_PREFERENCE).isEqualTo(5);
    }

    /**
     * Bouncy Castle's server with its three ML-KEM hybrids set, in its order: each is taken both ways (the
     * SecP256r1 and SecP384r1 shares, point first, are the ones a real stack reads here), reported in its order;
     * beside x25519 it takes X25519MLKEM768, the one hybrid of that hello.
     */
    @Test
    void bouncyCastleWithItsHybridsSetIsReportedWithEachInItsOrder() {
        PostQuantumPart p = part("bouncy-castle-mlkem");
        assertThat(p.groups()).containsExactly(
                new GroupAnswer(NamedGroup.SECP384R1_MLKEM1024, Answer.ACCEPTED, Answer.ACCEPTED,
                        Optional.of(97 + 1568)),
                new GroupAnswer(NamedGroup.SECP256R1_MLKEM768, Answer.ACCEPTED, Answer.ACCEPTED,
                        Optional.of(65 + 1088)),
                new GroupAnswer(NamedGroup.X25519_MLKEM768, Answer.ACCEPTED, Answer.ACCEPTED, Optional.of(1120)),
                new GroupAnswer(NamedGroup.X25519_KYBER768_DRAFT00, Answer.REFUSED, Answer.REFUSED,
                        Optional.empty()));
        assertThat(p.preference()).contains(Preference.of(NamedGroup.X25519_MLKEM768, false));
        assertThat(connections("bouncy-castle-mlkem")).as(SHARES_AND_PREFERENCE).isEqualTo(5);
    }

    @Test
    void stacksWithoutHybridsAreReportedWithoutThem() {
        for (String origin : List.of("openssl-3.0", "gnutls", "nginx", "modern-tls12-13")) {
            PostQuantumPart p = part(origin);
            assertThat(p.groups()).as(origin).extracting(GroupAnswer::byRetry).containsOnly(Answer.REFUSED);
            assertThat(p.groups()).as(origin).extracting(GroupAnswer::byKeyShare).containsOnly(Answer.REFUSED);
            assertThat(p.preference().flatMap(Preference::chosen)).as(origin).contains(NamedGroup.X25519);
            assertThat(p.pqKeyExchange()).as(origin).isFalse();
            assertThat(p.judgement().result()).as(origin).isEqualTo(Judgement.Result.NOT_VULNERABLE);
            assertThat(p.judgement().reason()).as(origin).startsWith("no post-quantum group accepted");
            assertThat(connections(origin)).as(origin + ": " + SHARES_AND_PREFERENCE).isEqualTo(5);
        }
    }

    @Test
    void withoutTls13ItIsNotApplicableAtNoCost() {
        PostQuantumPart p = part("mixed-tls10-12");
        assertThat(p.judgement()).isEqualTo(Judgement.notApplicable("TLS 1.3 not accepted (best TLSv1.2): the hybrid"
                + " groups are TLS 1.3 only"));
        assertThat(connections("mixed-tls10-12")).isZero();
    }

    @Test
    void theLinesSummaryJsonAndTheTerminalCountTheEndpointsWithPqKeyExchange(@TempDir Path dir) throws IOException {
        Path jsonl = dir.resolve("results.jsonl");
        try (OutputStream out = Files.newOutputStream(jsonl); JsonLinesWriter lines = new JsonLinesWriter(out)) {
            for (TargetResult r : results.values()) {
                Evidence e = Evidence.of(r, List.of(), false, ChainPolicy.of(TrustAnchors.of("none", List.of())),
                        Instant.now(), ClientImpact.none(), Checks.BUILT_IN);
                Assessment a = Readiness.assess(e);
                lines.write(ResultJson.of(e, a));
            }
        }
        JsonNode first = null;
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode node = JSON.readTree(line);
            if (node.path("origin").asText().equals("boringssl-pq-first")) {
                first = node.path("checks").path("post-quantum");
            }
        }
        assertThat(first).isNotNull();
        assertThat(first.path("connections").asInt()).isEqualTo(5);
        assertThat(first.path("part").path("result").asText()).isEqualTo("not-vulnerable");
        assertThat(first.path("part").path("pqKeyExchange").asBoolean()).isTrue();

        List<ResultJson> back = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(jsonl)) {
            JsonLinesReader.read(in, "results.jsonl", back::add, e -> {
                throw new AssertionError(e);
            });
        }
        for (ResultJson r : back) {
            assertThat(r.checks().get("post-quantum").read(new PostQuantumCheck())).as(r.origin())
                    .isEqualTo(part(r.origin()));
        }
        List<String> errors = new ArrayList<>();
        ReportSet.rebuild(jsonl, dir.resolve("latency.hlog"), dir, new RunInfo(Instant.now(), Duration.ofSeconds(1),
                "test", "tlsweep scan"), errors::add, Checks.BUILT_IN);
        assertThat(errors).isEmpty();
        JsonNode summary = JSON.readTree(dir.resolve(ReportSet.SUMMARY).toFile());
        assertThat(summary.at("/totals/endpoints").asLong()).isEqualTo(9);
        assertThat(summary.at("/totals/pqKeyExchange").asLong()).isEqualTo(4);
        StringWriter text = new StringWriter();
        TextReport.print(new PrintWriter(text), back);
        assertThat(text.toString()).contains("endpoints with PQ key exchange: 4 of 9");
        assertThat(Files.readString(dir.resolve(ReportSet.HTML))).contains("<table id=\"check-post-quantum\">");
    }
}
