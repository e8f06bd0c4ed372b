package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * Issue 12 item 7: a journal from before endpoints were de-duplicated holds two lines for one endpoint, and
 * summary.json counted it twice. Every report counts an endpoint once, with its last line.
 */
class LastLineWinsTest {
    private static final RunInfo RUN = new RunInfo(Instant.parse("2025-03-01T10:00:00Z"), Duration.ofSeconds(5),
            "test", "tlsweep scan");

    @TempDir
    Path dir;

    /** legacy.example:443 twice (first legacy, then fixed: ready), once more written another way, and b. */
    private Path journal() throws IOException {
        Path jsonl = dir.resolve("results.jsonl");
        try (JsonLinesWriter w = new JsonLinesWriter(Files.newOutputStream(jsonl))) {
            w.write(Results.legacy("legacy.example:443"));
            w.write(Results.ready("b.example:443"));
            w.write(Results.endpoint("LEGACY.example.:443").verdict("breaks-without-legacy").build());
            w.write(Results.ready("legacy.example:443"));
        }
        return jsonl;
    }

    @Test
    void eachEndpointsLastLineIsHandedOnInFileOrder() throws IOException {
        List<String> seen = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long superseded = ResultLines.read(journal(), r -> seen.add(r.target() + " " + r.verdict()), errors::add);
        assertThat(seen).containsExactly("b.example:443 ready", "legacy.example:443 ready");
        assertThat(superseded).isEqualTo(2);
        assertThat(errors).isEmpty();
    }

    @Test
    void summaryCsvHtmlAndTextCountTheEndpointOnce() throws IOException {
        Path jsonl = journal();
        InputJson.of(42).write(dir);
        ReportSet.rebuild(jsonl, dir.resolve("none.hlog"), dir, RUN, e -> { });
        SchemaCheck.assertValid(dir);

        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ReportSet.SUMMARY).toFile());
        assertThat(summary.at("/totals/endpoints").asLong()).isEqualTo(2);
        assertThat(summary.at("/verdicts/ready").asLong()).isEqualTo(2);
        assertThat(summary.at("/verdicts/legacy-enabled").asLong()).isZero();
        assertThat(summary.at("/verdicts/breaks-without-legacy").asLong()).isZero();
        assertThat(summary.at("/input/linesSuperseded").asLong()).isEqualTo(2);
        assertThat(summary.at("/input/duplicatesDropped").asLong()).isEqualTo(42);

        List<String> rows = Files.readAllLines(dir.resolve(ReportSet.ENDPOINTS), StandardCharsets.UTF_8);
        assertThat(rows).hasSize(1 + 2);
        assertThat(rows.get(2)).startsWith("legacy.example:443,").contains(",ready,");

        String html = Files.readString(dir.resolve(ReportSet.HTML));
        assertThat(html).contains("id=\"count-total\">2<").contains("id=\"count-legacy-enabled\">0<")
                .contains("42 target(s) of the input named an endpoint already listed")
                .contains("2 line(s) of results.jsonl replaced by a later line");

        StringWriter text = new StringWriter();
        TextReport table = new TextReport(new PrintWriter(text));
        ResultLines.read(jsonl, table::row, e -> { });
        table.totals();
        assertThat(text.toString()).contains("totals: ready 2 (2 endpoints)");
    }

    @Test
    void aJournalWithoutRepeatsIsReadAsItIs() throws IOException {
        Path jsonl = dir.resolve("results.jsonl");
        try (JsonLinesWriter w = new JsonLinesWriter(Files.newOutputStream(jsonl))) {
            Hostile.results().forEach(w::write);
        }
        List<ResultJson> seen = new ArrayList<>();
        assertThat(ResultLines.read(jsonl, seen::add, e -> { })).isZero();
        assertThat(seen).hasSize(Hostile.results().size());
        ReportSet.rebuild(jsonl, dir.resolve("none.hlog"), dir, RUN, e -> { });
        SchemaCheck.assertValid(dir);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ReportSet.SUMMARY).toFile());
        assertThat(summary.at("/input/linesSuperseded").asLong()).isZero();
        assertThat(summary.at("/input/duplicatesDropped").asLong()).as("no input.json: nothing dropped").isZero();
    }
}
