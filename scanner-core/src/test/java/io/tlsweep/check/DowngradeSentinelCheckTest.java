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
import io.tlsweep.check.DowngradeSentinelCheck.Answer;
import io.tlsweep.check.DowngradeSentinelCheck.Part;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.report.JsonLinesReader;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ReportSet;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.RunInfo;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Finding;
import io.tlsweep.result.TargetResult;
import io.tlsweep.result.Timings;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.input.Target;
import io.tlsweep.targets.Behaviour;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponseDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that a check is one file plus one line of registration: {@link DowngradeSentinelCheck} lives in the
 * tests, registered by the one line below, and its part reaches the result, the JSON line (and back), the
 * findings, report.html and endpoints.csv with no production class knowing it. Its decision is tested on decoded
 * server bytes; the whole run against a scripted server that answers every hello with TLS 1.2 and the TLS 1.3
 * server's sentinel (what a TLS 1.3 server behind a box that strips supported_versions sends), a real JDK server
 * with TLS 1.2 and 1.3, and a closed port.
 */
class DowngradeSentinelCheckTest {
    /** The registration: the built-in checks and this one. */
    private static final Checks CHECKS = Checks.BUILT_IN.with(new DowngradeSentinelCheck());

    private static final CipherSuite RSA_AES128_GCM = CipherSuite.of(0x009C);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HelloRound.Exchange exchange(ProtocolVersion lowest, ProtocolVersion highest, byte[] answer) {
        ClientHelloSpec hello = HelloTemplates.upTo(lowest, highest, List.of(RSA_AES128_GCM), Optional.empty());
        return new HelloRound.Exchange("test", hello, new ConnectionOutcome.Replied(
                ServerResponseDecoder.finish(answer), Timings.NONE));
    }

    private static List<Finding> findings(Answer... answers) {
        return new DowngradeSentinelCheck().findings(new Part(List.of(answers)), null);
    }

    @Test
    void aSentinelAnsweringAHelloThatOfferedMoreIsAFinding() {
        Answer tls13Pushed = DowngradeSentinelCheck.answer(exchange(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3,
                SentinelServer.serverHello(ProtocolVersion.TLSv1_2, SentinelServer.TLS13_SENTINEL)));
        assertThat(tls13Pushed).isEqualTo(new Answer(ProtocolVersion.TLSv1_3, Optional.of(ProtocolVersion.TLSv1_2),
                Optional.of(ProtocolVersion.TLSv1_2), Optional.empty()));
        assertThat(findings(tls13Pushed)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isSameAs(DowngradeSentinelCheck.PUSHED_DOWN);
            assertThat(f.detail()).isEqualTo("TLSv1.3 offered: TLSv1.2 with the sentinel of a TLS 1.3 server");
        });
        Answer tls12Pushed = DowngradeSentinelCheck.answer(exchange(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_2,
                SentinelServer.serverHello(ProtocolVersion.TLSv1_1, SentinelServer.TLS12_SENTINEL)));
        assertThat(findings(tls12Pushed)).singleElement().extracting(Finding::detail)
                .isEqualTo("TLSv1.2 offered: TLSv1.1 with the sentinel of a TLS 1.2 server");
    }

    @Test
    void theSentinelAnsweringAHelloThatOfferedNoMoreIsTheProtectionWorking() {
        Answer protectedTls12 = DowngradeSentinelCheck.answer(exchange(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2,
                SentinelServer.serverHello(ProtocolVersion.TLSv1_2, SentinelServer.TLS13_SENTINEL)));
        assertThat(protectedTls12.sentinel()).contains(ProtocolVersion.TLSv1_2);
        Answer plainLower = DowngradeSentinelCheck.answer(exchange(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3,
                SentinelServer.serverHello(ProtocolVersion.TLSv1_2, new byte[8])));
        assertThat(plainLower.negotiated()).contains(ProtocolVersion.TLSv1_2);
        assertThat(plainLower.sentinel()).isEmpty();
        Answer refused = DowngradeSentinelCheck.answer(exchange(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3,
                SentinelServer.alert(40)));
        assertThat(refused.failure()).contains("fatal alert handshake_failure");
        Answer lost = DowngradeSentinelCheck.answer(new HelloRound.Exchange("test", HelloTemplates.upTo(
                ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2, List.of(RSA_AES128_GCM), Optional.empty()),
                new ConnectionOutcome.NoReply(Failure.of(FailureKind.RESET_BEFORE_REPLY, "reset"), Timings.NONE)));
        assertThat(lost.failure()).hasValueSatisfying(f -> assertThat(f).contains("reset"));
        assertThat(findings(protectedTls12, plainLower, refused, lost)).isEmpty();
    }

    @Test
    void itsPartRoundTripsThroughItsJson() {
        PartJson<Part> json = new DowngradeSentinelCheck().json().orElseThrow();
        Part part = new Part(List.of(
                new Answer(ProtocolVersion.TLSv1_3, Optional.of(ProtocolVersion.TLSv1_2),
                        Optional.of(ProtocolVersion.TLSv1_2), Optional.empty()),
                new Answer(ProtocolVersion.TLSv1_2, Optional.empty(), Optional.empty(),
                        Optional.of("fatal alert handshake_failure"))));
        assertThat(json.read(json.write(part))).isEqualTo(part);
        assertThat(json.summary(part)).isEqualTo("TLSv1.3 offered: TLSv1.2 with the sentinel of a TLS 1.3 server"
                + " (pushed down); TLSv1.2 offered: fatal alert handshake_failure");
    }

    /**
     * The whole run with the check registered: scan, the check's own hellos after the scan, analysis, the line,
     * and the reports rebuilt from the lines alone.
     */
    @Test
    void registeredItReachesTheLineTheFindingsAndTheReports(@TempDir Path dir) throws IOException {
        FarmTarget closed;
        FarmTarget modern;
        Map<String, TargetResult> results = new LinkedHashMap<>();
        Map<String, TargetResult> withoutIt = new LinkedHashMap<>();
        try (TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.modernTls12And13(),
                TargetSpec.hostile(DefaultProfiles.hostileName(Behaviour.CLOSED_PORT), Behaviour.CLOSED_PORT)));
                SentinelServer pushedDown = SentinelServer.start()) {
            modern = farm.target("modern-tls12-13");
            closed = farm.target(DefaultProfiles.hostileName(Behaviour.CLOSED_PORT));
            List<Target> targets = List.of(target("127.0.0.1", pushedDown.port(), "pushed-down"),
                    target(modern.host(), modern.port(), "modern"), target(closed.host(), closed.port(), "closed"));
            scan(targets, CHECKS).forEach(r -> results.put(r.target().origin(), r));
            scan(targets.subList(0, 1), Checks.BUILT_IN).forEach(r -> withoutIt.put(r.target().origin(), r));
        }

        TargetResult pushed = results.get("pushed-down");
        Part part = pushed.checks().get(DowngradeSentinelCheck.KEY).orElseThrow();
        assertThat(part.answers()).containsExactly(
                new Answer(ProtocolVersion.TLSv1_3, Optional.of(ProtocolVersion.TLSv1_2),
                        Optional.of(ProtocolVersion.TLSv1_2), Optional.empty()),
                new Answer(ProtocolVersion.TLSv1_2, Optional.of(ProtocolVersion.TLSv1_2),
                        Optional.of(ProtocolVersion.TLSv1_2), Optional.empty()));
        assertThat(pushed.checks().entries()).filteredOn(e -> e.key().equals(DowngradeSentinelCheck.KEY))
                .singleElement().extracting(e -> e.connections()).isEqualTo(2);
        TargetResult unregistered = withoutIt.get("pushed-down");
        assertThat(unregistered.checks().get(DowngradeSentinelCheck.KEY)).isEmpty();
        assertThat(pushed.connections()).as("the check costs its two hellos, nothing else changes")
                .isEqualTo(unregistered.connections() + 2);
        assertThat(pushed.protocols()).isEqualTo(unregistered.protocols());

        Part real = results.get("modern").checks().get(DowngradeSentinelCheck.KEY).orElseThrow();
        assertThat(real.answers()).as("a real TLS 1.3 server (the JDK's) answers a TLS 1.2 hello with the sentinel")
                .containsExactly(
                        new Answer(ProtocolVersion.TLSv1_3, Optional.of(ProtocolVersion.TLSv1_3), Optional.empty(),
                                Optional.empty()),
                        new Answer(ProtocolVersion.TLSv1_2, Optional.of(ProtocolVersion.TLSv1_2),
                                Optional.of(ProtocolVersion.TLSv1_2), Optional.empty()));
        assertThat(results.get("closed").checks().isEmpty()).as("nothing listens: the check is not started").isTrue();

        Path jsonl = dir.resolve("results.jsonl");
        try (OutputStream out = Files.newOutputStream(jsonl); JsonLinesWriter lines = new JsonLinesWriter(out)) {
            for (TargetResult r : results.values()) {
                Evidence e = Evidence.of(r, List.of(), false, ChainPolicy.of(TrustAnchors.of("none", List.of())),
                        Instant.now(), ClientImpact.none(), CHECKS);
                Assessment a = Readiness.assess(e);
                lines.write(ResultJson.of(e, a));
            }
        }
        Map<String, JsonNode> written = new LinkedHashMap<>();
        for (String text : Files.readAllLines(jsonl)) {
            JsonNode node = JSON.readTree(text);
            written.put(node.path("origin").asText(), node);
        }
        JsonNode line = written.get("pushed-down");
        assertThat(line.path("findings").findValuesAsText("kind")).contains("downgrade-sentinel");
        assertThat(line.path("checks").path("downgrade-sentinel").path("connections").asInt()).isEqualTo(2);
        assertThat(line.path("checks").path("downgrade-sentinel").path("result").asText()).isEqualTo("vulnerable");
        assertThat(line.path("checks").path("downgrade-sentinel").path("part").path("result").asText())
                .as("the part carries it as the check wrote it").isEqualTo("vulnerable");
        assertThat(written.get("modern").path("checks").path("downgrade-sentinel").path("result").asText())
                .isEqualTo("not-vulnerable");
        assertThat(line.path("checks").path("downgrade-sentinel").path("part").path("answers").get(0)
                .path("sentinel").asText()).isEqualTo("TLSv1.2");
        assertThat(written.get("modern").path("findings").findValuesAsText("kind"))
                .doesNotContain("downgrade-sentinel");
        assertThat(written.get("closed").has("checks")).isFalse();

        List<ResultJson> back = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(jsonl)) {
            JsonLinesReader.read(in, "results.jsonl", back::add, e -> {
                throw new AssertionError(e);
            });
        }
        ResultJson pushedBack = back.stream().filter(r -> r.origin().equals("pushed-down")).findFirst().orElseThrow();
        assertThat(pushedBack.checks().get("downgrade-sentinel").read(new DowngradeSentinelCheck())).isEqualTo(part);
        assertThat(pushedBack.checks().get("downgrade-sentinel").judgement()).contains(part.judgement());
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("TLSv1.3 offered: TLSv1.2 with the sentinel of a"
                + " TLS 1.3 server"));

        List<String> errors = new ArrayList<>();
        ReportSet.rebuild(jsonl, dir.resolve("latency.hlog"), dir, new RunInfo(Instant.now(), Duration.ofSeconds(1),
                "test", "tlsweep scan"), errors::add, CHECKS);
        assertThat(errors).isEmpty();
        String html = Files.readString(dir.resolve(ReportSet.HTML));
        assertThat(html).contains("id=\"finding-downgrade-sentinel\">1<",
                DowngradeSentinelCheck.PUSHED_DOWN.title(), "<table id=\"check-downgrade-sentinel\">",
                "TLSv1.3 offered: TLSv1.2 with the sentinel of a TLS 1.3 server (pushed down)");
        List<String> csv = Files.readAllLines(dir.resolve(ReportSet.ENDPOINTS));
        assertThat(csv.get(0).replace("\"", "")).contains(",result:downgrade-sentinel,")
                .endsWith(",check:downgrade-sentinel");
        assertThat(csv).filteredOn(row -> row.contains("(pushed down)")).singleElement()
                .satisfies(row -> assertThat(row).contains("downgrade-sentinel", ",vulnerable,"));
        assertThat(html).contains("<table id=\"checks\">", "id=\"checks-vulnerable-downgrade-sentinel\" title=\"2"
                + " endpoints checked, 0 inconclusive\">1<");
    }

    private static Target target(String host, int port, String origin) {
        return new Target(host + ":" + port, host, port, Optional.empty(), true, origin);
    }

    private static List<TargetResult> scan(List<Target> targets, Checks checks) {
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(3)).targetBudget(Duration.ofSeconds(60)).maxInFlight(32)
                .perHostConnections(32).build();
        List<TargetResult> results = new ArrayList<>();
        try (TlsScanner scanner = new TlsScanner(config, ScanOptions.full(), List.of(), false, checks)) {
            scanner.scan(targets.iterator(), results::add).join();
        }
        return results;
    }
}
