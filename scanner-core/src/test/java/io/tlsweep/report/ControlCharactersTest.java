package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 9: a certificate subject with ESC, BEL and NUL reached the certificate column of endpoints.csv
 * raw. The certificate here is a real one, made with Bouncy Castle, whose CN and O carry them.
 */
class ControlCharactersTest {
    static final String EVIL = "evil\u001b[2J\u001b]0;owned\u0007\u0000name\u009b31m\u202etxt";

    @TempDir
    Path dir;

    private static ResultJson served() {
        return Results.endpoint("127.0.0.5:443").protocol("TLSv1.2", "server", Results.GCM).certificate(EVIL)
                .reason("TLS 1.2+ only; server said " + EVIL).note(EVIL).build();
    }

    /** Every character below U+0020 but the line feed, DEL, the C1 block and the bidi overrides. */
    private static void noRawControls(String where, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad = c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e;
            assertThat(bad).as("%s: U+%04X at %d", where, (int) c, i).isFalse();
        }
    }

    @Test
    void theLeafSubjectReallyCarriesThemAsTheServerSentThem() {
        LeafCertificate leaf = LeafCertificate.of(served().certificates()).orElseThrow();
        assertThat(leaf.commonName()).isEqualTo(EVIL);
    }

    @Test
    void csvFilesAndThePageShowThemAsEscapes() throws IOException {
        ReportSet.write(dir, List.of(served()), Latency.none(), Hostile.RUN);
        SchemaCheck.assertValid(dir);
        String csv = Files.readString(dir.resolve(ReportSet.ENDPOINTS), StandardCharsets.UTF_8);
        noRawControls(ReportSet.ENDPOINTS, csv);
        assertThat(csv).contains("evil\\x1b[2J\\x1b]0;owned\\x07\\x00name\\x9b31m\\u202etxt");
        noRawControls(ReportSet.SUITES, Files.readString(dir.resolve(ReportSet.SUITES), StandardCharsets.UTF_8));
        String html = Files.readString(dir.resolve(ReportSet.HTML), StandardCharsets.UTF_8);
        noRawControls(ReportSet.HTML, html);
        // the page shows the subject DN, in which the JDK writes NUL as \00 and ';' as \; (RFC 2253)
        assertThat(html).contains("CN=evil\\x1b[2J\\x1b]0\\;owned\\x07");
    }

    @Test
    void theVerdictTableShowsThemAsEscapes() {
        StringWriter out = new StringWriter();
        TextReport.print(new PrintWriter(out), List.of(served()));
        noRawControls("table", out.toString());
        assertThat(out.toString()).contains("\\x1b[2J");
    }

    @Test
    void theJsonLineKeepsTheExactValueEscaped() throws IOException {
        Path jsonl = dir.resolve("results.jsonl");
        try (JsonLinesWriter w = new JsonLinesWriter(Files.newOutputStream(jsonl))) {
            w.write(served());
        }
        String line = Files.readString(jsonl, StandardCharsets.UTF_8);
        assertThat(line).contains("\\u001B[2J").doesNotContain("\u001b").doesNotContain("\u0000");
        List<ResultJson> back = new java.util.ArrayList<>();
        try (java.io.BufferedReader in = Files.newBufferedReader(jsonl)) {
            JsonLinesReader.read(in, "results.jsonl", back::add, e -> { });
        }
        assertThat(back.get(0).notes()).containsExactly(EVIL);
    }
}
