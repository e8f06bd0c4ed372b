package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.analysis.Assessment;
import io.tlsweep.result.FindingKind;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Inconsistency;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.testing.SchemaCheck;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint whose answers contradicted each other: the verdict {@code inconsistent} with the evidence in
 * the reason, findings only from what was seen accepted, and the evidence in every view of the line.
 */
class InconsistentReportTest {
    private static final Inconsistency LOST = new Inconsistency("TLSv1.2 suites",
            List.of("reset-before-reply", "reset-before-reply", "closed-before-reply", "reset-before-reply"),
            "TLSv1.2 order: reset-before-reply, then accepted");

    static TargetResult inconsistent() {
        ProtocolSupport tls12 = new ProtocolSupport(ProtocolVersion.TLSv1_2, List.of(CipherSuite.of(0x009C),
                CipherSuite.of(0x0005)), PreferenceOrder.SERVER, false, List.of(), Optional.empty(), true,
                Optional.empty());
        return new TargetResult(new Target("10.9.9.9:443", "10.9.9.9", 443, Optional.empty(), true, "test"),
                Optional.of("10.9.9.9"), ScanStatus.INCONSISTENT, Optional.of(Failure.of(
                        FailureKind.INCONSISTENT_EVIDENCE, LOST.toString())), List.of(tls12), Map.of(), List.of(),
                List.of(), false, List.of("the endpoint loses answers"), Map.of(), 61, 900, List.of(LOST));
    }

    @Test
    void theVerdictIsInconsistentWithTheEvidenceAndNoFindingBuiltOnWhatWasNotSeen() {
        Assessment a = Readiness.assess(inconsistent());
        assertThat(a.verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(a.reason()).contains("contradict", "TLSv1.2 suites: reset-before-reply ×2, closed-before-reply,"
                + " reset-before-reply in 4 attempts", "against TLSv1.2 order", "seen: TLSv1.2 (2 suites)");
        // RC4 was seen accepted; "no forward secrecy" would rest on suites not seen, which may have been lost
        assertThat(a.findings()).extracting(f -> f.kind()).containsExactly(FindingKind.RC4);
    }

    @Test
    void alikeEvidenceIsCountedAndTheProfilesThatConnectedAreNamed() {
        TargetResult r = inconsistent();
        TargetResult twice = new TargetResult(r.target(), r.address(), r.status(), r.failure(), r.protocols(),
                r.refusals(), r.groups(), r.certificateChain(), false, r.notes(), Map.of("java17",
                        ProfileOutcome.connects(ProtocolVersion.TLSv1_2, CipherSuite.of(0xC02F))), 61, 900,
                List.of(LOST, LOST));
        assertThat(Readiness.assess(twice).reason()).contains("against TLSv1.2 order: reset-before-reply, then"
                + " accepted (2 hellos); seen: TLSv1.2 (2 suites); 1 client profile connected (TLSv1.2)");
    }

    @Test
    void theEvidenceRoundTripsThroughTheJsonLineAndReachesEveryReport(@TempDir Path dir) throws IOException {
        ResultJson line = ResultJson.of(inconsistent(), Readiness.assess(inconsistent()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLinesWriter w = new JsonLinesWriter(bytes)) {
            w.write(line);
            w.write(Results.ready("a.example:443"));
        }
        String jsonl = bytes.toString(StandardCharsets.UTF_8);
        JsonNode json = new ObjectMapper().readTree(jsonl.lines().findFirst().orElseThrow());
        assertThat(json.path("status").asText()).isEqualTo("inconsistent");
        assertThat(json.path("verdict").asText()).isEqualTo("inconsistent");
        assertThat(json.path("failure").path("kind").asText()).isEqualTo("inconsistent-evidence");
        JsonNode evidence = json.path("inconsistencies").get(0);
        assertThat(evidence.path("step").asText()).isEqualTo("TLSv1.2 suites");
        assertThat(evidence.path("attempts").asInt()).isEqualTo(4);
        assertThat(evidence.path("seen")).hasSize(4);
        assertThat(evidence.path("contradicts").asText()).isEqualTo(LOST.contradicts());
        assertThat(jsonl.lines().skip(1).findFirst().orElseThrow()).doesNotContain("inconsistencies");

        List<ResultJson> back = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(jsonl)), "results.jsonl", back::add,
                e -> { throw new AssertionError(e); });
        assertThat(back.get(0)).isEqualTo(line);
        assertThat(back.get(1).inconsistencies()).isNull();

        ReportSet.write(dir, back, Latency.none(), Hostile.RUN);
        SchemaCheck.assertValid(dir);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ReportSet.SUMMARY).toFile());
        assertThat(summary.path("verdicts").path("inconsistent").asLong()).isEqualTo(1);
        assertThat(summary.path("statuses").path("inconsistent").asLong()).isEqualTo(1);
        assertThat(summary.path("failures").path("inconsistent-evidence").asLong()).isEqualTo(1);

        Map<String, String> row = CsvReportTest.readBack(Files.readString(dir.resolve(ReportSet.ENDPOINTS))).get(0);
        assertThat(row).containsEntry("status", "inconsistent").containsEntry("verdict", "inconsistent")
                .containsEntry("failure", "inconsistent-evidence");
        assertThat(row.get("reason")).contains("TLSv1.2 suites", "4 attempts", "against TLSv1.2 order");

        String html = Files.readString(dir.resolve(ReportSet.HTML));
        assertThat(html).contains("id=\"count-inconsistent\">1<", "<table id=\"inconsistent\">",
                "Endpoints whose answers contradict each other", "10.9.9.9:443");

        StringWriter text = new StringWriter();
        TextReport.print(new PrintWriter(text), back);
        assertThat(text.toString()).contains("inconsistent", "totals: ready 1, inconsistent 1");
    }
}
