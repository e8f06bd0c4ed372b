package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftJson;
import io.tlsweep.report.drift.DriftText;
import io.tlsweep.report.prometheus.PrometheusTextfile;
import io.tlsweep.report.prometheus.RunMetrics;
import io.tlsweep.testing.Fuzzing;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of a {@code results.jsonl} as {@code report}, {@code merge} and {@code diff} read it
 * back: {@link JsonLinesReader}, then every view built from what it accepted (endpoints.csv, suites.csv, the
 * summary, the HTML page, the text table, drift and its JSON, the Prometheus textfile). Properties: every
 * non-blank line is either one result or one error naming the file and line; an accepted line survives a
 * write and a read unchanged; no view throws on it; the page never carries a raw {@code <script}; a run
 * compared with itself has no drift.
 */
@Tag("fuzz")
public class JsonLinesFuzzTest {
    private static final String NAME = "results.jsonl";

    @DictionaryEntries({"null", "true", "false", "{}", "[]", "[null]", "\"\":", ",", "-1", "1e999", "\\u0000",
        "\\ud800", "\"tlsweep/1\""})
    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void everyLineIsAResultOrAnErrorAndEveryResultCanBeReported(byte[] data) throws IOException {
        String text = new String(data, StandardCharsets.UTF_8);
        List<ResultJson> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(text)), NAME, results::add, errors::add);
        assertThat(results.size() + errors.size()).as("results + errors").isEqualTo(nonBlankLines(text));
        errors.forEach(e -> assertThat(e).matches(NAME + ":[0-9]+: .*"));

        for (ResultJson r : results) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            new JsonLinesWriter(line).write(r);
            List<ResultJson> again = new ArrayList<>();
            JsonLinesReader.read(new BufferedReader(new StringReader(line.toString(StandardCharsets.UTF_8))), NAME,
                    again::add, e -> { });
            assertThat(again).as("written and read back").containsExactly(r);
        }
        String page = views(results);
        assertThat(page.toLowerCase(Locale.ROOT)).doesNotContain("<script");
        Drift self = Drift.between(results, results);
        assertThat(self.changes()).as("a run against itself").isEmpty();
    }

    /** Every view of the results, as the commands write them; returns the HTML page. */
    private static String views(List<ResultJson> results) throws IOException {
        StringWriter endpoints = new StringWriter();
        StringWriter suites = new StringWriter();
        Tally tally = new Tally(50);
        try (EndpointsCsv endpointsCsv = new EndpointsCsv(endpoints); SuitesCsv suitesCsv = new SuitesCsv(suites)) {
            for (ResultJson r : results) {
                EndpointFacts facts = EndpointFacts.of(r);
                endpointsCsv.write(facts);
                suitesCsv.write(r);
                tally.add(facts);
            }
        }
        RunInfo run = new RunInfo(Instant.parse("2026-11-23T12:00:00Z"), Duration.ofSeconds(5), "fuzz", "tlsweep");
        SummaryJson.of(tally, Latency.none(), run).write(new ByteArrayOutputStream());
        StringWriter html = new StringWriter();
        HtmlReport.write(html, tally, Latency.none(), run);
        TextReport.print(new PrintWriter(new StringWriter()), results);
        Drift drift = Drift.between(results, List.of());
        DriftText.render(drift);
        ByteArrayOutputStream driftJson = new ByteArrayOutputStream();
        DriftJson written = DriftJson.of(drift, "old", "new");
        written.write(driftJson);
        assertThat(DriftJson.read(new ByteArrayInputStream(driftJson.toByteArray()))).as("drift.json read back")
                .isEqualTo(written);
        RunMetrics metrics = RunMetrics.ofResults(results, Latency.none(), "run", "", run.started(), run.duration(),
                Optional.of(drift.counts()));
        PrometheusTextfile.toText(metrics);
        return html.toString();
    }

    private static long nonBlankLines(String text) throws IOException {
        BufferedReader in = new BufferedReader(new StringReader(text));
        long n = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            n += line.isBlank() ? 0 : 1;
        }
        return n;
    }

    /** Lines of a real run (tlsweep demo: not TLS, rejected, ok with SNI and client profiles) and hostile ones. */
    public static Stream<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        try (InputStream in = JsonLinesFuzzTest.class.getResourceAsStream("fuzz/demo-results.jsonl")) {
            String demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            demo.lines().forEach(l -> seeds.add((l + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream hostile = new ByteArrayOutputStream();
        JsonLinesWriter writer = new JsonLinesWriter(hostile);
        Hostile.results().forEach(writer::write);
        seeds.add(hostile.toByteArray());
        return seeds.stream();
    }
}
