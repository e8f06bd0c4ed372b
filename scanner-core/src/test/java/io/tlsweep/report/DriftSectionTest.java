package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftJson;
import io.tlsweep.testing.PlantedJson;
import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html's "Changes since <baseline>" section, from drift.json in the run directory. */
class DriftSectionTest {
    private static final String HOSTILE_TARGET = "127.0.0.66:443" + Hostile.SCRIPT;

    @TempDir
    Path dir;

    private static List<ResultJson> monday() {
        return List.of(Results.ready("127.0.0.1:443"), Results.ready("127.0.0.2:443"));
    }

    private static List<ResultJson> tuesday() {
        return List.of(Results.legacy("127.0.0.1:443"), Results.ready("127.0.0.2:443"),
                Results.ready(HOSTILE_TARGET));
    }

    private static DriftJson drift(String baseline) {
        return DriftJson.of(Drift.between(monday(), tuesday()), baseline, "runs/tuesday");
    }

    private static long count(String html, String label) {
        Matcher m = Pattern.compile("id=\"drift-count-" + Pattern.quote(label) + "\">(\\d+)<").matcher(html);
        assertThat(m.find()).as("drift-count-" + label + " present").isTrue();
        return Long.parseLong(m.group(1));
    }

    private String report() throws IOException {
        ReportSet.write(dir, tuesday(), Latency.none(), Hostile.RUN);
        // drift.json here is the test's own, unreadable in one test: only what the reports wrote is checked
        assertThat(SchemaCheck.problems(OutputSchema.SUMMARY, dir.resolve(ReportSet.SUMMARY))).isEmpty();
        return Files.readString(dir.resolve(ReportSet.HTML));
    }

    @Test
    void aDriftJsonInTheRunDirectoryAddsTheSection() throws IOException {
        drift("runs/monday").write(dir.resolve(DriftJson.FILE));

        String html = report();

        assertThat(html).contains("id=\"drift-count-legacy-enabled\"").contains(">Changes since runs/monday</h2>");
        assertThat(count(html, "legacy-enabled")).isEqualTo(1);
        assertThat(count(html, "version-enabled")).isEqualTo(1);
        assertThat(count(html, "appeared")).isEqualTo(1);
        assertThat(count(html, "version-disabled")).as("TLSv1.3").isEqualTo(1);
        assertThat(count(html, "suite-disabled")).isZero();
        assertThat(count(html, "status-changed")).isZero();
        assertThat(html).contains("<td>127.0.0.1:443</td><td></td><td>legacy-enabled</td>"
                + "<td>legacy TLSv1.0 enabled</td><td></td><td>TLSv1.0</td>");
        assertThat(html.indexOf("id=\"drift\"")).as("after the verdicts, before the versions")
                .isGreaterThan(html.indexOf("id=\"count-total\"")).isLessThan(html.indexOf("id=\"versions\""));
    }

    @Test
    void noDriftJsonNoSection() throws IOException {
        String html = report();

        assertThat(html).doesNotContain("drift-count-").doesNotContain("Changes since").doesNotContain("id=\"drift");
    }

    @Test
    void tlsweepReportRebuildsTheSectionToo() throws IOException {
        Path results = dir.resolve("results.jsonl");
        try (OutputStream out = Files.newOutputStream(results); JsonLinesWriter w = new JsonLinesWriter(out)) {
            tuesday().forEach(w::write);
        }
        drift("runs/monday").write(dir.resolve(DriftJson.FILE));
        List<String> errors = new ArrayList<>();

        ReportSet.rebuild(results, dir.resolve("latency.hlog"), dir, Hostile.RUN, errors::add);
        SchemaCheck.assertValid(dir);

        assertThat(errors).isEmpty();
        assertThat(count(Files.readString(dir.resolve(ReportSet.HTML)), "legacy-enabled")).isEqualTo(1);
    }

    @Test
    void serverAndInputStringsAreEscaped() throws IOException {
        drift("runs/" + Hostile.IMG).write(dir.resolve(DriftJson.FILE));

        String html = report();

        assertThat(html).doesNotContain("<script").doesNotContain("<img");
        assertThat(html).contains("Changes since runs/&lt;img src=x onerror=alert(1)&gt;")
                .contains("<td>127.0.0.66:443&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;</td>");
    }

    @Test
    void theTableIsCappedAndSaysHowManyMore() {
        DriftJson d = drift("runs/monday");
        String html = HtmlReport.render(HtmlReportTest.tally(tuesday()), Latency.none(), Hostile.RUN,
                Optional.of(DriftSection.of(d, 2)));

        String table = html.substring(html.indexOf("id=\"drift-changes\""), html.indexOf("</table>",
                html.indexOf("id=\"drift-changes\"")));
        assertThat(table.split("<tr>", -1)).hasSize(1 + 1 + 2);
        assertThat(html).contains("… and " + (d.changes().size() - 2) + " more changes (see drift.json)");
        assertThat(count(html, "legacy-enabled")).as("counts are of all changes").isEqualTo(1);
    }

    @Test
    void aRunWithoutChangesSaysSo() throws IOException {
        DriftJson.of(Drift.between(tuesday(), tuesday()), "runs/tuesday-early", "runs/tuesday")
                .write(dir.resolve(DriftJson.FILE));

        String html = report();

        assertThat(html).contains("id=\"drift-none\"").doesNotContain("id=\"drift-changes\"");
        assertThat(count(html, "legacy-enabled")).isZero();
    }

    @Test
    @PlantedJson("drift.json") // unreadable on purpose
    void anUnreadableDriftJsonIsNotedAndTheReportStillWritten() throws IOException {
        Files.writeString(dir.resolve(DriftJson.FILE), "{\"schema\":\"tlsweep-drift/1\",\"changes\":[" + Hostile.IMG,
                StandardCharsets.UTF_8);

        String html = report();

        assertThat(html).contains("id=\"drift-error\"").contains("drift.json could not be read")
                .doesNotContain("<img").contains("id=\"count-total\"");
    }
}
