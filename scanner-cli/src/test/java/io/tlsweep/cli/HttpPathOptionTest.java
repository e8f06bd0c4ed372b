package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --http-path PATH} on {@code tlsweep scan}: in the help, and a path that cannot be asked is a usage error. */
class HttpPathOptionTest {

    @Test
    void helpNamesTheOption() {
        CliRun help = CliRun.tlsweep("scan", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--http-path=PATH");
    }

    @Test
    void aPathThatCannotBeAskedIsAUsageError(@TempDir Path dir) {
        CliRun relative = CliRun.tlsweep("scan", "-q", "-o", dir.toString(), "--http-path", "owa", "127.0.0.1:1");
        assertThat(relative.exit()).isEqualTo(2);
        assertThat(relative.err()).contains("tlsweep scan: --http-path: an HTTP path starts with '/'");
        CliRun header = CliRun.tlsweep("scan", "-q", "-o", dir.toString(), "--http-path", "/x\r\nAuthorization: y",
                "127.0.0.1:1");
        assertThat(header.exit()).isEqualTo(2);
        assertThat(header.err()).contains("--http-path: an HTTP path of visible ASCII only");
        assertThat(dir.resolve("results.jsonl")).doesNotExist();
    }
}
