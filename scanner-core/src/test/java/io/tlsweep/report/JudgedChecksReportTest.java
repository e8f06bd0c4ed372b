package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.check.Checks;
import io.tlsweep.check.DowngradeSentinelCheck;
import io.tlsweep.check.Judgement;
import io.tlsweep.testing.SchemaCheck;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active checks' results as the user meets them, read from the lines alone: {@code checks.<id>.result} and
 * {@code reason} in the line (and back), the Checks table of report.html, a {@code result:<id>} column per active
 * check in endpoints.csv, the counts in summary.json and the vulnerable endpoints per check under the terminal
 * table.
 */
class JudgedChecksReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunInfo RUN = new RunInfo(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofSeconds(3),
            "test", "tlsweep scan");

    /** Three endpoints: the vulnerable one comes last, one gave no result of ccs-injection (not run there). */
    private static List<ResultJson> lines() {
        return List.of(
                Results.readyEndpoint("a.example:443").check("heartbleed", "not-vulnerable", "no heartbeat reply", 1)
                        .check("ccs-injection", "not-applicable", "no TLS 1.0-1.2", 0)
                        .check("tea-kettle", null, null, 2).build(),
                Results.readyEndpoint("b.example:443").check("heartbleed", "inconclusive", "reset after the request",
                        1).build(),
                Results.readyEndpoint("c.example:443").check("heartbleed", "vulnerable",
                        "answered 16384 bytes for 3 <sent>", 1)
                        .check("ccs-injection", "not-vulnerable", "unexpected_message alert", 2).build());
    }

    /** The rows of a CSV file, its quotes taken out (no cell here holds a comma). */
    private static List<String> unquoted(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(row -> row.replace("\"", "")).toList();
    }

    /** The cells of {@code row} under these columns of the header. */
    private static List<String> cells(List<String> csv, int row, String... columns) {
        List<String> header = List.of(csv.get(0).split(",", -1));
        String[] cells = csv.get(row).split(",", -1);
        return Arrays.stream(columns).map(c -> cells[header.indexOf(c)]).toList();
    }

    private static Path jsonl(Path dir, List<ResultJson> lines) throws IOException {
        Path file = dir.resolve("results.jsonl");
        try (OutputStream out = Files.newOutputStream(file); JsonLinesWriter w = new JsonLinesWriter(out)) {
            for (ResultJson r : lines) {
                w.write(r);
            }
        }
        return file;
    }

    @Test
    void theJudgementIsInTheLineAndReadsBack(@TempDir Path dir) throws IOException {
        Path file = jsonl(dir, lines());
        JsonNode c = JSON.readTree(Files.readAllLines(file).get(2)).path("checks").path("heartbleed");
        assertThat(c.path("result").asText()).isEqualTo("vulnerable");
        assertThat(c.path("reason").asText()).isEqualTo("answered 16384 bytes for 3 <sent>");
        assertThat(c.path("connections").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(Files.readAllLines(file).get(0)).path("checks").path("tea-kettle").has("result"))
                .as("a check that gives no judgement has none").isFalse();

        List<ResultJson> back = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            JsonLinesReader.read(in, "results.jsonl", back::add, errors::add);
        }
        assertThat(errors).isEmpty();
        assertThat(back).isEqualTo(lines());
        assertThat(back.get(2).checks().get("heartbleed").judgement())
                .contains(Judgement.vulnerable("answered 16384 bytes for 3 <sent>"));
        assertThat(back.get(0).checks().get("tea-kettle").judgement()).isEmpty();
    }

    @Test
    void aResultThatIsNoneOfTheFourOrHasNoReasonIsABadLine() throws IOException {
        String good = line(Results.ready("a.example:443"));
        String jsonl = good.replace("\"checks\":null", "")
                + "\n" + withChecks(good, "{\"k\":{\"result\":\"pwned\",\"reason\":\"x\",\"connections\":1}}")
                + "\n" + withChecks(good, "{\"k\":{\"result\":\"vulnerable\",\"connections\":1}}")
                + "\n" + withChecks(good, "{\"k\":{\"reason\":\"why\",\"connections\":1}}")
                + "\n" + withChecks(good, "{\"k\":{\"result\":\"inconclusive\",\"reason\":\"lost\"}}") + "\n";
        List<ResultJson> read = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(jsonl)), "results.jsonl", read::add, errors::add);
        assertThat(read).hasSize(2);
        assertThat(read.get(1).checks().get("k").judgement()).contains(Judgement.inconclusive("lost"));
        assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e).contains("not a result line"));
        assertThat(errors.get(0)).startsWith("results.jsonl:2:").contains("'result' is one of vulnerable,");
        assertThat(errors.get(2)).startsWith("results.jsonl:4:").contains("'reason' without a 'result'");
    }

    private static String line(ResultJson r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLinesWriter w = new JsonLinesWriter(bytes)) {
            w.write(r);
        }
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    private static String withChecks(String line, String checks) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
        node.set("checks", JSON.readTree(checks));
        return JSON.writeValueAsString(node);
    }

    @Test
    void thePageTheCsvAndTheSummaryShowEveryActiveCheck(@TempDir Path dir) throws IOException {
        Path file = jsonl(dir, lines());
        List<String> errors = new ArrayList<>();
        ReportSet.rebuild(file, dir.resolve("latency.hlog"), dir, RUN, errors::add);
        SchemaCheck.assertValid(dir);
        assertThat(errors).isEmpty();

        String html = Files.readString(dir.resolve(ReportSet.HTML));
        String table = html.substring(html.indexOf("<table id=\"checks\">"), html.indexOf("</table>",
                html.indexOf("<table id=\"checks\">")));
        assertThat(table).contains("<th>Endpoint</th><th>heartbleed</th><th>ccs-injection</th><th>Connections</th>")
                .doesNotContain("tea-kettle")
                .contains("id=\"checks-vulnerable-heartbleed\" title=\"3 endpoints checked, 1 inconclusive\">1<",
                        "id=\"checks-vulnerable-ccs-injection\" title=\"2 endpoints checked, 0 inconclusive\">0<",
                        "<td class=\"check vuln\" title=\"vulnerable: answered 16384 bytes for 3 &lt;sent&gt; (1"
                                + " connection)\"><details><summary>✗</summary><small>answered 16384 bytes for 3"
                                + " &lt;sent&gt;</small></details></td>",
                        "<td class=\"check fine\" title=\"not-vulnerable: unexpected_message alert (2 connections)\">✓",
                        "<td class=\"check na\" title=\"not-applicable: no TLS 1.0-1.2 (0 connections)\">–",
                        "<summary>?</summary><small>reset after the request</small>",
                        "<td>b.example:443</td><td class=\"check unsure\"",
                        "</details></td><td class=\"check\"></td><td>1</td></tr>");
        assertThat(table.indexOf("c.example:443")).as("the vulnerable endpoint first")
                .isLessThan(table.indexOf("a.example:443")).isLessThan(table.indexOf("b.example:443"));
        assertThat(html).contains("<table id=\"check-tea-kettle\">");

        List<String> csv = unquoted(dir.resolve(ReportSet.ENDPOINTS));
        assertThat(csv.get(0).split(",")).containsSubsequence("elapsedMs", "result:heartbleed",
                "result:ccs-injection", "check:heartbleed");
        assertThat(csv.get(0)).endsWith(",check:heartbleed,check:ccs-injection,check:tea-kettle");
        assertThat(cells(csv, 1, "result:heartbleed", "result:ccs-injection", "check:heartbleed"))
                .containsExactly("not-vulnerable", "not-applicable", "heartbleed: no heartbeat reply");
        assertThat(cells(csv, 2, "result:heartbleed", "result:ccs-injection", "check:heartbleed"))
                .containsExactly("inconclusive", "", "heartbleed: reset after the request");
        assertThat(cells(csv, 3, "result:heartbleed", "result:ccs-injection"))
                .containsExactly("vulnerable", "not-vulnerable");

        JsonNode summary = JSON.readTree(dir.resolve(ReportSet.SUMMARY).toFile()).path("checks");
        assertThat(summary.path("heartbleed").toString())
                .isEqualTo("{\"vulnerable\":1,\"not-vulnerable\":1,\"not-applicable\":0,\"inconclusive\":1}");
        assertThat(summary.path("ccs-injection").path("not-applicable").asLong()).isEqualTo(1);
        assertThat(summary.has("tea-kettle")).isFalse();

        StringWriter text = new StringWriter();
        TextReport.print(new PrintWriter(text), lines());
        assertThat(text.toString()).contains("vulnerable endpoints per check: heartbleed 1 of 3 (1 inconclusive),"
                + " ccs-injection 0 of 2\n");
    }

    /** The registry's active checks each have their column, in its order, whether they ran or not. */
    @Test
    void theResultColumnsAreTheRegistrysWhateverRan(@TempDir Path dir) throws IOException {
        Checks checks = Checks.BUILT_IN.with(new DowngradeSentinelCheck());
        Path file = jsonl(dir, List.of(Results.ready("a.example:443"),
                Results.readyEndpoint("b.example:443").check("heartbleed", "vulnerable", "leaked", 1).build()));
        ReportSet.rebuild(file, dir.resolve("latency.hlog"), dir, RUN, e -> { }, checks);
        SchemaCheck.assertValid(dir);
        List<String> csv = unquoted(dir.resolve(ReportSet.ENDPOINTS));
        List<String> results = new ArrayList<>(List.of("elapsedMs"));
        checks.judged().forEach(c -> results.add("result:" + c.id()));
        assertThat(csv.get(0)).endsWith(String.join(",", results) + ",check:heartbleed");
        assertThat(results).contains("result:downgrade-sentinel", "result:heartbleed");
        assertThat(cells(csv, 1, "result:downgrade-sentinel", "result:heartbleed", "check:heartbleed"))
                .containsExactly("", "", "");
        assertThat(cells(csv, 2, "result:downgrade-sentinel", "result:heartbleed", "check:heartbleed"))
                .containsExactly("", "vulnerable", "heartbleed: leaked");

        Path none = dir.resolve("none");
        Files.createDirectories(none);
        ReportSet.rebuild(jsonl(none, List.of(Results.ready("a.example:443"))), none.resolve("latency.hlog"), none,
                RUN, e -> { }, checks);
        assertThat(unquoted(none.resolve(ReportSet.ENDPOINTS)).get(0)).endsWith(String.join(",", results));
        assertThat(Files.readString(none.resolve(ReportSet.HTML))).doesNotContain("Active checks");
        assertThat(JSON.readTree(none.resolve(ReportSet.SUMMARY).toFile()).path("checks").isEmpty()).isTrue();
    }
}
