package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.testing.HeadlessChromium;
import io.tlsweep.testing.PageLayout;
import io.tlsweep.testing.PdfWords;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's report.html as a reader sees it: laid out by headless Chromium in a 1280 px wide desktop window and
 * printed to PDF. The PNG and the PDF are kept in {@code target/report-layout/} for a human to look at. Checked: the
 * page never scrolls sideways, the profile matrix fits the window and the printed page (every column's short name
 * printed inside the page), the latency section stays short with one chart, and no endpoint's {@code host:port}
 * is broken over two lines, on screen or on paper.
 *
 * <p>To check another section: {@link PageLayout#text}, {@link PageLayout#box} and {@link PageLayout#count} by its
 * id, and the printed words with {@link PdfWords#find} or {@link PdfWords#text}.
 */
class ReportLayoutChromiumTest {
    static final Path KEPT = Path.of("target", "report-layout");
    static final int DESKTOP_WIDTH = 1280;
    /** The page's {@code @page} margin, 12 mm, in PDF points. */
    static final double MARGIN_POINTS = 12 / 25.4 * 72;
    /** The latency section is one chart and a folded table: well under this on the demo's 40-odd series. */
    static final double LATENCY_MAX_HEIGHT = 1200;

    @TempDir
    static Path dir;
    private static Path html;
    private static Path run;
    private static List<String> endpoints;
    private static PageLayout desktop;
    private static PdfWords printed;
    private static PdfWords printedA4;

    @BeforeAll
    static void renderTheDemosReport() throws Exception {
        HeadlessChromium.require();
        PdfWords.require();
        Path out = dir.resolve("out");
        int exit = Tlsweep.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true),
                "demo", "-o", out.toString());
        assertThat(exit).isZero();
        html = out.resolve("report.html");
        run = out;
        endpoints = Files.readAllLines(out.resolve("results.jsonl")).stream().map(ReportLayoutChromiumTest::target)
                .toList();
        Files.createDirectories(KEPT);
        Files.copy(html, KEPT.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
        desktop = HeadlessChromium.layout(html, DESKTOP_WIDTH, 900, dir);
        Path png = KEPT.resolve("report-1280.png").toAbsolutePath();
        Files.deleteIfExists(png);
        HeadlessChromium.screenshot(html, png, DESKTOP_WIDTH, Math.min(desktop.scrollHeight(), 16_000), dir);
        Path pdf = KEPT.resolve("report.pdf").toAbsolutePath();
        Files.deleteIfExists(pdf);
        HeadlessChromium.printToPdf(html, pdf, dir);
        printed = PdfWords.of(pdf, dir);
        // Chromium prints on Letter; the same page on A4 (narrower), from a copy that asks for it
        Path a4 = dir.resolve("report-a4.html");
        Files.writeString(a4, Files.readString(html).replace("</style>", "@page{size:A4}</style>"));
        Path a4Pdf = KEPT.resolve("report-a4.pdf").toAbsolutePath();
        Files.deleteIfExists(a4Pdf);
        HeadlessChromium.printToPdf(a4, a4Pdf, dir);
        printedA4 = PdfWords.of(a4Pdf, dir);
        System.out.println("report layout: " + png + ", " + pdf);
    }

    @Test
    void theDemoSaysOneThingPerClientMarksCertificatesAndSaysWhatToDo() throws Exception {
        RenderedReport rendered = RenderedReport.of(run, "report-layout-checked", dir);
        rendered.assertOneMessagePerEndpointAndClient();
        rendered.assertCertificateMarks();
        rendered.assertNextSteps();
        rendered.assertMatrixFits();
    }

    @Test
    void thePngAndThePdfAreKeptForAHuman() throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(KEPT.resolve("report-1280.png")), 8);
        assertThat(head).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(Files.readString(KEPT.resolve("report.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("%PDF-");
        assertThat(printed.pages()).hasSizeGreaterThan(1);
        assertThat(printed.text()).contains("TLS readiness").contains("All endpoints");
    }

    @Test
    void atDesktopWidthNothingScrollsSideways() {
        assertThat(desktop.viewportWidth()).isBetween(DESKTOP_WIDTH - 20, DESKTOP_WIDTH);
        assertThat(desktop.boxes().entrySet()).as("every element with an id inside the window")
                .allSatisfy(e -> assertThat(e.getValue().right()).as(e.getKey())
                        .isLessThanOrEqualTo(desktop.viewportWidth()));
        assertThat(desktop.scrollWidth()).as("the page's width at %d px", DESKTOP_WIDTH)
                .isLessThanOrEqualTo(desktop.viewportWidth());
    }

    @Test
    void theProfileMatrixFitsTheWindowWithAShortNameAndALegendPerProfile() {
        List<String> tables = desktop.ids("profile-matrix").stream()
                .filter(id -> id.equals("profile-matrix") || id.matches("profile-matrix-[0-9]+")).toList();
        int profiles = profileCount(desktop.text("profile-legend").orElseThrow());
        assertThat(profiles).as("the demo's built-in profiles").isGreaterThanOrEqualTo(24);
        assertThat(tables).as("the demo's %d profiles, in tables of at most 12", profiles)
                .hasSize((profiles + 11) / 12);
        for (String table : tables) {
            assertThat(desktop.box(table).orElseThrow().right()).as(table).isLessThanOrEqualTo(desktop.viewportWidth());
            assertThat(desktop.text(table).orElseThrow()).as("a mark: connects with a version, or fails")
                    .containsPattern("\u2713 1\\.[0-3]|\u2717");
        }
        String legend = desktop.text("profile-legend").orElseThrow();
        assertThat(legend).contains("P1").contains("Windows 7 / Server 2008 R2").contains("P" + profiles)
                .contains("Chromium");
        for (String table : tables) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bP[0-9]+\\b")
                    .matcher(desktop.text(table).orElseThrow());
            int columns = 0;
            while (m.find()) {
                columns++;
            }
            assertThat(columns).as("%s: profile columns", table).isBetween(1, 12);
        }
        assertThat(desktop.text(tables.get(tables.size() - 1)).orElseThrow()).contains("P" + profiles);
    }

    @Test
    void theMatrixIsInsideThePrintedPage() {
        assertThat(printed.pages().get(0).width()).as("Letter").isEqualTo(612.0);
        assertThat(printedA4.pages().get(0).width()).as("A4").isCloseTo(595.0, Offset.offset(1.0));
        insideThePrintedPage(printed);
        insideThePrintedPage(printedA4);
    }

    private static void insideThePrintedPage(PdfWords printed) {
        int profiles = printed.find("P24").isEmpty() ? 0 : 24;
        while (!printed.find("P" + (profiles + 1)).isEmpty()) {
            profiles++;
        }
        assertThat(profiles).as("the profiles' short names printed, P1 to P24 at least").isGreaterThanOrEqualTo(24);
        for (int i = 1; i <= profiles; i++) {
            String name = "P" + i;
            List<PdfWords.Word> printedNames = printed.find(name);
            assertThat(printedNames).as("%s printed (legend and matrix header)", name).hasSizeGreaterThanOrEqualTo(2);
            assertThat(printedNames).allSatisfy(w -> assertThat(w.xMax()).as(name)
                    .isLessThanOrEqualTo(page(printed, w).width() - MARGIN_POINTS + 1));
        }
        assertThat(printed.outsideTheirPage()).isEmpty();
        assertThat(printed.words()).as("every printed word within the page's margins")
                .allSatisfy(w -> assertThat(w.xMax()).as(w.text()).isLessThanOrEqualTo(page(printed, w).width()
                        - MARGIN_POINTS + 1));
    }

    @Test
    void theLatencySectionIsShortWithOneChart() {
        PageLayout.Box latency = desktop.box("latency-section").orElseThrow();
        assertThat(latency.height()).isLessThan(LATENCY_MAX_HEIGHT);
        assertThat(desktop.count("latency-section", "svg")).as("one chart").isEqualTo(1);
        assertThat(desktop.count("latency-section", "table")).as("one table").isEqualTo(1);
        assertThat(desktop.count("latency-section", "details")).as("the table folded").isEqualTo(1);
        assertThat(printed.text()).as("the folded table printed").contains("p99.9")
                .contains("first-reply/TLSv1.2/hello");
    }

    @Test
    void noPortIsBrokenOnScreenOrOnPaper() {
        assertThat(desktop.wrappedEndpoints()).isEmpty();
        String all = desktop.text("endpoints").orElseThrow();
        assertThat(endpoints).hasSize(31).allSatisfy(e -> assertThat(all).contains(e));
        IntStream.range(0, endpoints.size()).forEach(i -> assertThat(printed.find(endpoints.get(i)))
                .as("%s printed as one word", endpoints.get(i)).isNotEmpty());
        assertThat(printed.words()).as("a host printed without its port (the port on the next line)")
                .noneSatisfy(w -> assertThat(w.text()).matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+:"));
    }

    private static PdfWords.Page page(PdfWords printed, PdfWords.Word w) {
        return printed.pages().get(w.page() - 1);
    }

    private static String target(String line) {
        try {
            return new ObjectMapper().readTree(line).get("target").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The highest "P<n>" short name in the legend's text. */
    private static int profileCount(String legend) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bP([0-9]+)\\b").matcher(legend);
        int n = 0;
        while (m.find()) {
            n = Math.max(n, Integer.parseInt(m.group(1)));
        }
        return n;
    }
}
