package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.run.ScanRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.report.ResultJson.SuiteJson;
import io.tlsweep.testing.PlantedJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsweep diff} end to end on two small results.jsonl files: output, JSON, exit codes. */
class DiffCommandTest {
    private static final SuiteJson GCM = new SuiteJson("0xC02F", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    private static final SuiteJson CBC = new SuiteJson("0xC013", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
    private static final SuiteJson AES13 = new SuiteJson("0x1301", "TLS_AES_128_GCM_SHA256");

    @TempDir
    Path dir;



    private static ProtocolJson protocol(String version, SuiteJson... suites) {
        return new ProtocolJson(version, Arrays.asList(suites), "server", false, List.of(), null, true, null);
    }

    private static ResultJson line(String target, String verdict, ProtocolJson... protocols) {
        String host = target.substring(0, target.lastIndexOf(':'));
        return new ResultJson(ResultJson.SCHEMA, target, "targets.txt:1", host, host, 8443, null, "ok",
                verdict, "", List.of(), null, List.of(protocols), Map.of(), List.of(), null, null, null, null, null,
                null, List.of(), List.of(), 3, 10, null, null, null, null, null, null, null);
    }

    private static final ResultJson MODERN = line("127.0.0.1:8443", "ready", protocol("TLSv1.2", GCM, CBC),
            protocol("TLSv1.3", AES13));
    private static final ResultJson OTHER = line("127.0.0.2:8443", "ready", protocol("TLSv1.2", GCM));

    /** A run directory holding results.jsonl with these lines. */
    private Path run(String name, ResultJson... lines) throws IOException {
        Path runDir = Files.createDirectories(dir.resolve(name));
        try (OutputStream out = Files.newOutputStream(runDir.resolve(ScanRun.RESULTS));
                JsonLinesWriter w = new JsonLinesWriter(out)) {
            Arrays.stream(lines).forEach(w::write);
        }
        return runDir;
    }

    /** The same endpoint with an active check's result: the line's checks section, as a scan writes it. */
    private static ResultJson judged(ResultJson r, String check, String result, String reason) {
        Map<String, io.tlsweep.report.CheckJson> checks = Map.of(check, new io.tlsweep.report.CheckJson(reason, result,
                reason, 1, new ObjectMapper().createObjectNode().put("result", result).put("reason", reason)));
        return new ResultJson(r.schema(), r.target(), r.origin(), r.host(), r.address(), r.port(), r.sni(),
                r.status(), r.verdict(), r.reason(), r.findings(), r.failure(), r.protocols(), r.refusals(),
                r.groups(), r.confirmation(), r.confirmations(), r.profiles(), r.legacyOff(), r.whatIf(),
                r.certificate(), r.certificates(), r.notes(), r.connections(), r.elapsedMs(), r.inconsistencies(),
                checks, r.prelude(), r.tls13(), r.evidence(), r.nextSteps(), r.policies());
    }

    @Test
    void aCheckThatFindsAnEndpointVulnerableNowMeetsDriftVulnerable() throws IOException {
        Path monday = run("monday", judged(MODERN, "heartbleed", "not-vulnerable", "no heartbeat reply"),
                judged(OTHER, "heartbleed", "vulnerable", "leaked 16384 bytes"));
        Path tuesday = run("tuesday", judged(MODERN, "heartbleed", "vulnerable", "leaked 65535 bytes"),
                judged(OTHER, "heartbleed", "vulnerable", "leaked 16384 bytes"));
        Path wednesday = run("wednesday", judged(MODERN, "heartbleed", "inconclusive", "reset"),
                judged(OTHER, "heartbleed", "vulnerable", "leaked 16384 bytes"));

        CliRun worse = CliRun.tlsweep("diff", "--fail-on", "drift:vulnerable", monday.toString(),
                tuesday.toString());
        assertThat(worse.exit()).as(worse.err()).isEqualTo(ExitCodes.POLICY);
        assertThat(worse.out()).contains("check-vulnerable      heartbleed: not-vulnerable → vulnerable: leaked 65535"
                + " bytes").doesNotContain("127.0.0.2");
        CliRun label = CliRun.tlsweep("diff", "-q", "--fail-on", "drift:check-vulnerable", monday.toString(),
                tuesday.toString());
        assertThat(label.exit()).isEqualTo(ExitCodes.POLICY);

        CliRun changed = CliRun.tlsweep("diff", "-q", "--fail-on", "drift:vulnerable", tuesday.toString(),
                wednesday.toString());
        assertThat(changed.exit()).as("vulnerable to inconclusive is no worsening").isEqualTo(ExitCodes.OK);
        CliRun anyCheck = CliRun.tlsweep("diff", "--fail-on", "drift:checks", tuesday.toString(),
                wednesday.toString());
        assertThat(anyCheck.exit()).isEqualTo(ExitCodes.POLICY);
        assertThat(anyCheck.out()).contains("check-changed         heartbleed: vulnerable → inconclusive: reset");
    }

    @Test
    void tls10ComingBackMeetsDriftLegacy() throws IOException {
        Path monday = run("monday", MODERN, OTHER);
        Path tuesday = run("tuesday", line("127.0.0.1:8443", "legacy-enabled", protocol("TLSv1.0", CBC),
                protocol("TLSv1.2", GCM, CBC), protocol("TLSv1.3", AES13)), OTHER);

        CliRun r = CliRun.tlsweep("diff", "--fail-on", "drift:legacy", monday.toString(), tuesday.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.POLICY);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("127.0.0.1:8443").contains("legacy-enabled        legacy TLSv1.0 enabled")
                .contains("version-enabled       TLSv1.0 enabled")
                .contains("verdict-changed       verdict ready → legacy-enabled")
                .contains("3 changes on 1 endpoint: version-enabled 1, legacy-enabled 1, verdict-changed 1")
                .doesNotContain("127.0.0.2");
    }

    @Test
    void aSuiteChangeIsNotLegacyButIsDrift() throws IOException {
        Path monday = run("monday", MODERN, OTHER);
        Path tuesday = run("tuesday", line("127.0.0.1:8443", "ready", protocol("TLSv1.2", GCM),
                protocol("TLSv1.3", AES13)), OTHER);

        CliRun legacy = CliRun.tlsweep("diff", "--fail-on", "drift:legacy", monday.toString(), tuesday.toString());
        assertThat(legacy.exit()).as(legacy.err()).isEqualTo(ExitCodes.OK);
        assertThat(legacy.out()).contains("suite-disabled        TLSv1.2: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA removed");

        assertThat(CliRun.tlsweep("diff", "-q", "--fail-on", "drift", monday.toString(), tuesday.toString()).exit())
                .isEqualTo(ExitCodes.POLICY);
        assertThat(CliRun.tlsweep("diff", "-q", "--fail-on", "drift:legacy,drift:suites", monday.toString(),
                tuesday.toString()).exit()).isEqualTo(ExitCodes.POLICY);
        assertThat(CliRun.tlsweep("diff", "-q", "--fail-on", "drift:legacy", "--fail-on", "DRIFT:suite-disabled",
                monday.toString(), tuesday.toString()).exit()).isEqualTo(ExitCodes.POLICY);
        assertThat(CliRun.tlsweep("diff", "-q", "--fail-on", "drift:certificate,drift:versions", monday.toString(),
                tuesday.toString()).exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void identicalRunsHaveNoChangesEvenWithFailOnDrift() throws IOException {
        Path monday = run("monday", MODERN, OTHER);
        Path tuesday = run("tuesday", OTHER, MODERN);

        CliRun r = CliRun.tlsweep("diff", "--fail-on", "drift", monday.toString(), tuesday.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().strip()).isEqualTo("no changes (2 endpoints before, 2 now)");
    }

    @Test
    void filesOrDirectoriesJsonOutputAndQuiet() throws IOException {
        Path monday = run("monday", MODERN);
        Path tuesday = run("tuesday", MODERN, OTHER);
        Path json = dir.resolve("drift.json");

        CliRun r = CliRun.tlsweep("diff", "-q", "--json", json.toString(), monday.toString(),
                tuesday.resolve(ScanRun.RESULTS).toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEmpty();
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("schema").asText()).isEqualTo("tlsweep-drift/1");
        assertThat(j.get("baseline").asText()).isEqualTo(monday.toString());
        assertThat(j.get("run").asText()).isEqualTo(tuesday.resolve(ScanRun.RESULTS).toString());
        assertThat(j.at("/counts/appeared").asLong()).isEqualTo(1);
        assertThat(j.at("/counts/legacy-enabled").asLong()).isZero();
        assertThat(j.at("/changes/0/class").asText()).isEqualTo("appeared");
        assertThat(j.at("/changes/0/target").asText()).isEqualTo("127.0.0.2:8443");
        assertThat(j.at("/changes/0/port").asInt()).isEqualTo(8443);
    }

    @Test
    @PlantedJson("results.jsonl") // lines broken on purpose
    void unreadableLinesAreReportedByFileAndLineAndWinOverThePolicy() throws IOException {
        Path monday = run("monday", MODERN);
        Path tuesday = run("tuesday", MODERN, OTHER);
        Files.writeString(tuesday.resolve(ScanRun.RESULTS), "{not json\n{\"schema\":\"tlsweep/0\"}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        CliRun r = CliRun.tlsweep("diff", "--fail-on", "drift", monday.toString(), tuesday.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        String file = tuesday.resolve(ScanRun.RESULTS).toString();
        assertThat(r.err()).contains(file + ":3: not a result line").contains(file + ":4: schema 'tlsweep/0'")
                .contains("2 unreadable line(s) skipped");
        assertThat(r.out()).as("the readable lines are still compared").contains("appeared");
    }

    @Test
    void usageErrors() throws IOException {
        Path monday = run("monday", MODERN);

        CliRun unknown = CliRun.tlsweep("diff", "--fail-on", "drift:ciphers", monday.toString(), monday.toString());
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown drift condition 'drift:ciphers'").contains("suites");

        CliRun bare = CliRun.tlsweep("diff", "--fail-on", "legacy", monday.toString(), monday.toString());
        assertThat(bare.exit()).as("legacy without drift: is the scan's verdict condition").isEqualTo(ExitCodes.USAGE);

        CliRun missing = CliRun.tlsweep("diff", monday.toString(), dir.resolve("nowhere").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no such run directory or file");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun noResults = CliRun.tlsweep("diff", empty.toString(), monday.toString());
        assertThat(noResults.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noResults.err()).contains("no results.jsonl in");

        assertThat(CliRun.tlsweep("diff", monday.toString()).exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpListsTheConditions() {
        CliRun r = CliRun.tlsweep("diff", "--help");

        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("drift:legacy").contains("drift:certificate").contains("--json");
        assertThat(CliRun.tlsweep("--help").out()).contains("diff");
    }
}
