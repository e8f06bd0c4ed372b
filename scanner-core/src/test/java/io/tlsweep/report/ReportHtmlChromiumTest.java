package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.testing.HeadlessChromium;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.testing.SchemaCheck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in Debian's headless Chromium, a separate process under a hard timeout, and checks the
 * DOM the browser built: the counts are there, and no hostile string became an element, a script or an event
 * handler. A screenshot is kept in {@code target/report-chromium/} for a human to look at. Chromium opens
 * only a local file; the flags stop its background networking.
 */
class ReportHtmlChromiumTest {
    static final Path KEPT = Path.of("target", "report-chromium");

    @TempDir
    static Path dir;
    private static Path html;

    @BeforeAll
    static void writeReport() throws IOException {
        HeadlessChromium.require();
        ReportSet.write(dir.resolve("report"), Hostile.results(), latency(), Hostile.RUN);
        SchemaCheck.assertValid(dir.resolve("report"));
        html = dir.resolve("report").resolve(ReportSet.HTML);
    }

    @Test
    void theBrowserSeesTheCountsAndNoInjectedMarkup() throws Exception {
        String dom = HeadlessChromium.dumpDom(html, dir);

        assertThat(count(dom, "total")).isEqualTo(8);
        assertThat(count(dom, "breaks-without-legacy")).isEqualTo(2);
        assertThat(count(dom, "legacy-enabled")).isEqualTo(1);
        assertThat(count(dom, "ready")).isEqualTo(3);
        assertThat(count(dom, "unreachable")).isEqualTo(1);
        assertThat(count(dom, "not-tls")).isEqualTo(1);
        assertThat(count(dom, "no-common-algorithm-risk")).isZero();

        Matcher title = Pattern.compile("<head>.*?<title>(.*?)</title>", Pattern.DOTALL).matcher(dom);
        assertThat(title.find()).as("document title in the DOM").isTrue();
        assertThat(title.group(1)).isEqualTo("tlsweep report: 8 endpoints").isNotEqualTo("pwned");
        assertThat(dom).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
        assertThat(Pattern.compile("<[a-zA-Z][^>]*\\sonerror\\s*=", Pattern.CASE_INSENSITIVE).matcher(dom).find())
                .as("an element with an onerror attribute").isFalse();
        assertThat(dom).contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("=HYPERLINK(\"http://evil.example\",\"x\")")
                .contains("id=\"latency-first-reply/TLSv1.2/hello\"");
    }

    @Test
    void aScreenshotIsKeptForAHuman() throws Exception {
        Files.createDirectories(KEPT);
        Path png = KEPT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        HeadlessChromium.screenshot(html, png, 1280, 2000, dir);
        Files.copy(html, KEPT.resolve(ReportSet.HTML), StandardCopyOption.REPLACE_EXISTING);

        assertThat(png).exists();
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        System.out.println("report screenshot: " + png);
    }

    private static long count(String dom, String verdict) {
        return HtmlReportTest.count(dom, verdict);
    }

    /** Hello and alert replies for TLS 1.0 to 1.3, from a ScanMetrics log. */
    private static Latency latency() {
        ScanMetrics metrics = new ScanMetrics();
        Random random = new Random(1);
        for (ProtocolVersion v : List.of(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2,
                ProtocolVersion.TLSv1_3)) {
            for (int i = 0; i < 500; i++) {
                boolean hello = v.atLeast(ProtocolVersion.TLSv1_2) ? i % 10 != 0 : i % 3 == 0;
                long connect = 200_000 + (long) (Math.abs(random.nextGaussian()) * 3_000_000);
                long reply = connect + 500_000 + (long) (Math.exp(random.nextGaussian() * 1.5) * 4_000_000);
                // any reply other than an alert, not-TLS or malformed one counts as "hello" in the metrics
                ServerResponse response = hello ? new ServerResponse.SslV2ServerHello(v, List.of(), new byte[0])
                        : new ServerResponse.Alert(2, AlertDescription.PROTOCOL_VERSION, true);
                metrics.record(v, new ConnectionOutcome.Replied(response, new Timings(connect, reply, reply + 1000)));
            }
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        metrics.writeLog(log);
        return Latency.read(new ByteArrayInputStream(log.toByteArray()));
    }
}
