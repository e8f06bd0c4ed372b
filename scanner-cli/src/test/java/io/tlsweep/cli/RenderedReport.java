package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.testing.HeadlessChromium;
import io.tlsweep.testing.PageLayout;
import io.tlsweep.testing.PdfWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run's report.html as headless Chromium renders it: the DOM the browser built, its layout in a 1280 px
 * desktop window, a PNG of that window and the page printed to PDF (Letter), kept in {@code target/<name>/} for a
 * human. With the checks a reader's questions need: each client's message said once per endpoint, the certificate
 * marks beside the verdicts, the next steps, and the profile matrix inside the window and the printed page.
 */
final class RenderedReport {
    static final int DESKTOP_WIDTH = 1280;
    /** The page's {@code @page} margin, 12 mm, in PDF points. */
    static final double MARGIN_POINTS = 12 / 25.4 * 72;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The column of "Endpoints that break" that says what the clients will show. */
    private static final int WHAT_CLIENTS_SHOW = 4;
    /** The verdicts "Endpoints that break" lists. */
    private static final Set<String> BREAKING = Set.of("breaks-without-legacy", "no-common-algorithm-risk");

    final List<JsonNode> lines;
    final String dom;
    final PageLayout desktop;
    final PdfWords printed;

    private RenderedReport(List<JsonNode> lines, String dom, PageLayout desktop, PdfWords printed) {
        this.lines = lines;
        this.dom = dom;
        this.desktop = desktop;
        this.printed = printed;
    }

    /** Renders {@code run}/report.html; the PNG, the PDF and the page are kept in {@code target/<kept>/}. */
    static RenderedReport of(Path run, String kept, Path work) throws IOException, InterruptedException {
        HeadlessChromium.require();
        PdfWords.require();
        Path html = run.resolve("report.html");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        Path keep = Path.of("target", kept);
        Files.createDirectories(keep);
        Files.copy(html, keep.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
        String dom = HeadlessChromium.dumpDom(html, work);
        PageLayout desktop = HeadlessChromium.layout(html, DESKTOP_WIDTH, 900, work);
        Path png = keep.resolve("report-1280.png").toAbsolutePath();
        Files.deleteIfExists(png);
        HeadlessChromium.screenshot(html, png, DESKTOP_WIDTH, Math.min(desktop.scrollHeight(), 16_000), work);
        Path pdf = keep.resolve("report.pdf").toAbsolutePath();
        Files.deleteIfExists(pdf);
        HeadlessChromium.printToPdf(html, pdf, work);
        return new RenderedReport(lines, dom, desktop, PdfWords.of(pdf, work));
    }

    /**
     * One message per endpoint and client: in each row of "Endpoints that break" a losing client is named at most
     * once (three per message, then "and N more"), never beside two messages; in each row of the loss table, a
     * message is said once.
     */
    void assertOneMessagePerEndpointAndClient() {
        int checked = 0;
        for (JsonNode line : lines) {
            JsonNode loses = line.at("/legacyOff/loses");
            if (!loses.isArray() || loses.isEmpty() || !BREAKING.contains(line.path("verdict").asText())) {
                continue;
            }
            String row = cell(row("breaking", line.get("target").asText()), WHAT_CLIENTS_SHOW);
            int named = 0;
            for (JsonNode loss : loses) {
                String name = loss.get("name").asText();
                int times = occurrences(row, escaped(name));
                assertThat(times).as("%s named in the breaking row of %s", name, line.get("target").asText())
                        .isLessThanOrEqualTo(1);
                named += times;
                checked++;
            }
            assertThat(named).as("clients named beside their message for %s", line.get("target").asText())
                    .isPositive();
        }
        assertThat(checked).as("client losses checked").isPositive();
        for (JsonNode line : lines) {
            String verdict = line.path("verdict").asText();
            if (line.has("profiles") && BREAKING.contains(verdict)) {
                String shown = cell(row("breaking", line.get("target").asText()), WHAT_CLIENTS_SHOW);
                assertThat(shown).as("%s: the profiles' own messages, not a generic one", line.get("target").asText())
                        .doesNotContain("expected, not observed");
                for (JsonNode p : line.get("profiles")) {
                    assertThat(occurrences(shown, escaped(p.get("name").asText()))).as(p.get("name").asText())
                            .isLessThanOrEqualTo(1);
                }
            }
        }
        Matcher cells = Pattern.compile("id=\"legacy-off-message-[^\"]+\">([^<]*)<").matcher(dom);
        int rows = 0;
        while (cells.find()) {
            List<String> said = new ArrayList<>();
            for (String part : cells.group(1).split("; ")) {
                said.add(part.replaceAll(" \\(\\d+ endpoints?\\)$", ""));
            }
            assertThat(said).as("a client's messages, each once: %s", cells.group(1)).doesNotHaveDuplicates();
            rows++;
        }
        assertThat(rows).as("client rows of the legacy-off table").isPositive();
    }

    /**
     * Every endpoint with a certificate problem has its mark in its row of "All endpoints", and the others none;
     * the marks are in the printed page too.
     */
    void assertCertificateMarks() {
        int marked = 0;
        for (JsonNode line : lines) {
            if (!line.hasNonNull("verdict") || !line.has("findings")) {
                continue;
            }
            Set<String> problems = new LinkedHashSet<>();
            line.get("findings").forEach(f -> {
                if (f.get("kind").asText().startsWith("cert-")) {
                    problems.add(f.get("kind").asText());
                }
            });
            String row = row("endpoints", line.get("target").asText());
            if (problems.isEmpty()) {
                assertThat(row).as(line.get("target").asText()).doesNotContain("cert-mark");
            } else {
                assertThat(row).as("%s: %s", line.get("target").asText(), problems).contains("class=\"cert-mark\"")
                        .contains("⚠ cert: ");
                marked++;
            }
        }
        assertThat(marked).as("endpoints with a certificate problem").isPositive();
        assertThat(printed.find("cert:")).as("marks printed").hasSizeGreaterThanOrEqualTo(marked);
    }

    /** Each endpoint with next steps has them in "What to do", on screen and on paper. */
    void assertNextSteps() {
        int steps = 0;
        String table = section("what-to-do");
        for (JsonNode line : lines) {
            JsonNode next = line.get("nextSteps");
            if (next == null || next.isEmpty()) {
                continue;
            }
            String target = line.get("target").asText();
            for (JsonNode step : next) {
                assertThat(table).as(target).contains(">" + target + "<").contains(escaped(step.get("step").asText()));
                steps++;
            }
            assertThat(printed.find(target)).as("%s printed", target).isNotEmpty();
        }
        assertThat(steps).as("next steps").isPositive();
        assertThat(printed.text()).contains("What to do");
    }

    /** The profile matrix inside the 1280 px window, and every printed word inside the page's margins. */
    void assertMatrixFits() {
        List<String> tables = desktop.ids("profile-matrix").stream()
                .filter(id -> id.equals("profile-matrix") || id.matches("profile-matrix-[0-9]+")).toList();
        assertThat(tables).isNotEmpty();
        for (String table : tables) {
            assertThat(desktop.box(table).orElseThrow().right()).as(table).isLessThanOrEqualTo(desktop.viewportWidth());
        }
        assertThat(desktop.scrollWidth()).as("the page's width").isLessThanOrEqualTo(desktop.viewportWidth());
        assertThat(printed.find("P1")).as("the matrix's first column printed").isNotEmpty();
        assertThat(printed.outsideTheirPage()).isEmpty();
        assertThat(printed.words()).as("every printed word within the page's margins")
                .allSatisfy(w -> assertThat(w.xMax()).as(w.text()).isLessThanOrEqualTo(
                        printed.pages().get(w.page() - 1).width() - MARGIN_POINTS + 1));
    }

    /** The DOM of the table {@code id}, from its start tag to its end. */
    private String section(String id) {
        int start = dom.indexOf("<table id=\"" + id + "\"");
        assertThat(start).as("table %s in the DOM", id).isNotNegative();
        return dom.substring(start, dom.indexOf("</table>", start));
    }

    /** The DOM of the row of table {@code id} whose first cell is {@code target}. */
    private String row(String id, String target) {
        String table = section(id);
        Matcher m = Pattern.compile("<td[^>]*>" + Pattern.quote(escaped(target)) + "(?: \\([^<]*\\))?</td>")
                .matcher(table);
        assertThat(m.find()).as("%s in table %s", target, id).isTrue();
        int start = table.lastIndexOf("<tr", m.start());
        return table.substring(start, table.indexOf("</tr>", m.start()));
    }

    /** The DOM of the {@code index}th (from 0) cell of {@code row}. */
    private static String cell(String row, int index) {
        String[] cells = row.split("</td>");
        assertThat(cells.length).as("cells of %s", row).isGreaterThan(index);
        return cells[index];
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int occurrences(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
