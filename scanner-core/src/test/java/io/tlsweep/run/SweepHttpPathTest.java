package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.check.Checks;
import io.tlsweep.input.Scope;
import io.tlsweep.testing.SchemaCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code httpPath:} in a sweep file, as {@code --http-path}: {@code /} when absent, checked with its line. */
class SweepHttpPathTest {
    @TempDir
    Path dir;

    /** Every JSON file the test wrote in its directory validates against its schema. */
    @AfterEach
    void writtenJsonValidates() {
        SchemaCheck.assertValid(dir);
    }

    @Test
    void theSweepAsksThePathItsFileNames() throws Exception {
        Path absent = Files.writeString(dir.resolve("absent.yaml"), "targets: [a.txt]\noutput: out\n");
        Path owa = Files.writeString(dir.resolve("owa.yaml"), "targets: [a.txt]\noutput: out\nhttpPath: /owa/\n");
        assertThat(options(absent).httpPath()).isEqualTo("/");
        assertThat(options(owa).httpPath()).isEqualTo("/owa/");
        assertThat(SweepConfig.read(owa).httpPathOrDefault()).isEqualTo("/owa/");
    }

    @Test
    void aPathThatCannotBeAskedIsAnErrorWithFileAndLine() throws Exception {
        Path relative = Files.writeString(dir.resolve("relative.yaml"), "targets: [a.txt]\noutput: out\n"
                + "httpPath: owa\n");
        assertThatThrownBy(() -> SweepConfig.read(relative)).isInstanceOf(SweepConfig.BadConfig.class)
                .hasMessage(relative + ":3: httpPath: an HTTP path starts with '/'");
        Path blank = Files.writeString(dir.resolve("blank.yaml"), "targets: [a.txt]\noutput: out\n"
                + "httpPath: \"/a b\"\n");
        assertThatThrownBy(() -> SweepConfig.read(blank)).hasMessageStartingWith(blank + ":3: httpPath: an HTTP"
                + " path of visible ASCII only");
    }

    private static io.tlsweep.probe.ScanOptions options(Path file) throws Exception {
        return SweepSettings.of(SweepConfig.read(file), file, Scope.DEFAULT, e -> { }, Checks.BUILT_IN)
                .options(SweepConfig.Mode.FULL);
    }
}
