package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 9: ESC, BEL and NUL from an input line reached stderr raw: a target file could drive the
 * terminal. (The certificate-subject half is {@code io.tlsweep.report.ControlCharactersTest}.)
 */
class ControlBytesTest {
    @TempDir
    Path dir;

    private static void noRawControls(String where, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertThat(c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f).as("%s: U+%04X at %d", where, (int) c, i)
                    .isFalse();
        }
    }

    @Test
    void escBelAndNulInInputLinesReachNeitherStderrNorTheReports() throws Exception {
        Path targets = dir.resolve("targets.txt");
        Files.writeString(targets, "127.2.6.1:1\n"
                + "evil\u001b]0;owned\u0007\u0000host.example:443\n"
                + "127.2.6.2:1 \u001b[2J\u001b[31m\n"
                + "127.2.6.3:1 sni=x\u0000y.example\n"
                + "127.2.6.4:1 \u009b31m\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("out");

        CliRun r = CliRun.tlsweep("scan", "--no-profiles", "--read-timeout", "2000", "-iL", targets.toString(), "-o",
                out.toString());

        assertThat(r.exit()).as("bad lines are input errors; the rest is scanned").isEqualTo(ExitCodes.USAGE);
        noRawControls("stderr", r.err());
        noRawControls("stdout", r.out());
        assertThat(r.err()).contains(targets + ":2: ']' without '[' in 'evil\\x1b]0;owned\\x07\\x00host.example:443'")
                .contains(targets + ":3: unknown modifier '\\x1b[2J\\x1b[31m'")
                .contains(targets + ":4: bad character U+0000 in sni name 'x\\x00y.example'")
                .contains(targets + ":5: unknown modifier '\\x9b31m'");
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(1);
        noRawControls("endpoints.csv", Files.readString(out.resolve("endpoints.csv")));
    }
}
