package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.testing.SchemaCheck;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check's part as the reports see it: only through the line's {@code checks} section, with no report class
 * knowing the check. The page gets a table per check and the CSV a column per check; a part that is not an
 * object, or holds a number that would not read back the same, makes its line a bad line like any other.
 */
class CheckPartsReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunInfo RUN = new RunInfo(Instant.parse("2026-11-20T10:00:00Z"), Duration.ofSeconds(3),
            "test", "tlsweep scan");

    /** A result line as written, with {@code checks} set to {@code checks} (JSON text). */
    private static String line(ResultJson r, String checks) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonLinesWriter w = new JsonLinesWriter(bytes)) {
            w.write(r);
        }
        ObjectNode node = (ObjectNode) JSON.readTree(bytes.toString(StandardCharsets.UTF_8));
        if (checks != null) {
            node.set("checks", JSON.readTree(checks));
        }
        return JSON.writeValueAsString(node);
    }

    private static List<ResultJson> read(String jsonl, List<String> errors) {
        List<ResultJson> results = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(jsonl)), "results.jsonl", results::add,
                errors::add);
        return results;
    }

    @Test
    void aCheckPartReachesThePageAndTheCsvWithoutTheReportsKnowingTheCheck(@TempDir Path dir) throws IOException {
        String jsonl = line(Results.ready("a.example:443"), "{\"tea-kettle\":{\"summary\":\"brews <b>earl grey</b>\","
                + "\"connections\":2,\"part\":{\"cups\":3,\"leaves\":[\"earl grey\"]}}}") + "\n"
                + line(Results.ready("b.example:443"), null) + "\n";
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, jsonl);
        List<String> errors = new ArrayList<>();
        ReportSet.rebuild(results, dir.resolve("latency.hlog"), dir, RUN, errors::add);
        SchemaCheck.assertValid(dir);
        assertThat(errors).isEmpty();

        String html = Files.readString(dir.resolve(ReportSet.HTML));
        assertThat(html).contains("<h2>Checks</h2>", "<table id=\"check-tea-kettle\">",
                "<td>a.example:443</td><td>brews &lt;b&gt;earl grey&lt;/b&gt;</td><td>2</td>")
                .doesNotContain("<td>b.example:443</td><td>brews");
        List<String> csv = Files.readAllLines(dir.resolve(ReportSet.ENDPOINTS));
        assertThat(csv.get(0)).endsWith(",check:tea-kettle");
        assertThat(csv.get(1)).endsWith(",\"brews <b>earl grey</b>\"");
        assertThat(csv.get(2)).endsWith(",");
    }

    /** Checks of one service are on its lines only: each gets its column wherever its first part is. */
    @Test
    void everyCheckWithAPartOnAnyLineGetsItsColumnInTheRegistrysOrder(@TempDir Path dir) throws IOException {
        String jsonl = line(Results.ready("web.example:443"), null) + "\n"
                + line(Results.ready("db.example:1433"), "{\"mssql-encryption\":{\"summary\":\"m\",\"connections\":2,"
                + "\"part\":{}}}") + "\n"
                + line(Results.ready("rdp.example:3389"), "{\"rdp-accepts\":{\"summary\":\"r\",\"connections\":5,"
                + "\"part\":{}}}") + "\n";
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, jsonl);
        ReportSet.rebuild(results, dir.resolve("latency.hlog"), dir, RUN, e -> { });
        SchemaCheck.assertValid(dir);
        List<String> csv = Files.readAllLines(dir.resolve(ReportSet.ENDPOINTS));
        assertThat(csv.get(0)).endsWith(",check:rdp-accepts,check:mssql-encryption");
        assertThat(csv.get(1)).endsWith(",,");
        assertThat(csv.get(2)).endsWith(",,m");
        assertThat(csv.get(3)).endsWith(",r,");
    }

    @Test
    void withoutCheckPartsThePageAndTheCsvAreAsBefore(@TempDir Path dir) throws IOException {
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, line(Results.ready("a.example:443"), null) + "\n");
        ReportSet.rebuild(results, dir.resolve("latency.hlog"), dir, RUN, e -> { });
        SchemaCheck.assertValid(dir);
        assertThat(Files.readString(dir.resolve(ReportSet.HTML))).doesNotContain("Checks");
        List<String> columns = new java.util.ArrayList<>(EndpointsCsv.COLUMNS);
        io.tlsweep.check.Checks.BUILT_IN.judged().forEach(c -> columns.add("result:" + c.id()));
        assertThat(Files.readAllLines(dir.resolve(ReportSet.ENDPOINTS)).get(0).replace("\"", ""))
                .as("the built-in active checks' result columns, whether they ran or not")
                .isEqualTo(String.join(",", columns));
        assertThat(Files.readString(results)).doesNotContain("checks");
    }

    @Test
    void aPartRoundTripsThroughALine() throws IOException {
        String written = line(Results.ready("a.example:443"), "{\"tea-kettle\":{\"summary\":\"s\",\"connections\":1,"
                + "\"part\":{\"big\":123456789012345678901234567890,\"ratio\":0.1,\"nested\":{\"x\":[1,2.5e10]}}}}");
        List<String> errors = new ArrayList<>();
        ResultJson r = read(written, errors).get(0);
        assertThat(errors).isEmpty();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (JsonLinesWriter w = new JsonLinesWriter(again)) {
            w.write(r);
        }
        assertThat(read(again.toString(StandardCharsets.UTF_8), errors)).containsExactly(r);
        assertThat(r.checks().get("tea-kettle").part().path("nested").path("x").get(1).doubleValue()).isEqualTo(2.5e10);
    }

    @Test
    void aPartThatIsNotAnObjectOrWouldNotReadBackIsABadLine() throws IOException {
        List<String> errors = new ArrayList<>();
        String jsonl = line(Results.ready("a.example:443"), "{\"k\":{\"part\":[1]}}") + "\n"
                // as text: a tree would turn 1e400 into Infinity before the line is written
                + line(Results.ready("b.example:443"), "{\"k\":{\"part\":{\"x\":{\"y\":0}}}}")
                        .replace("\"y\":0", "\"y\":1e400") + "\n"
                + line(Results.ready("c.example:443"), "{\"k\":{\"part\":{\"x\":1}}}") + "\n";
        List<ResultJson> results = read(jsonl, errors);
        assertThat(results).extracting(ResultJson::target).containsExactly("c.example:443");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("results.jsonl:1: not a result line:").contains("JSON object");
        assertThat(errors.get(1)).startsWith("results.jsonl:2: not a result line:").contains("out of range");
    }
}
