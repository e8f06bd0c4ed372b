package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's trust store is read when a chain is first checked, but one the user names with
 * {@code -Djavax.net.ssl.trustStore} is read before the scan starts: a store that cannot be read stops it at once,
 * with the usage exit code and nothing scanned. In a separate JVM, so that the property touches no other test.
 */
class NamedTrustStoreTest {

    @TempDir
    Path dir;

    @Test
    void aNamedTrustStoreThatCannotBeReadStopsTheScanBeforeItStarts() throws Exception {
        Path store = Files.writeString(dir.resolve("junk.jks"), "not a key store\n");
        Path out = dir.resolve("out");
        List<String> command = new ArrayList<>(TestProcesses.tlsweep(List.of("scan", "-q", "-o", out.toString(),
                "127.0.0.1:1")));
        command.add(1, "-Djavax.net.ssl.trustStore=" + store);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(ExitCodes.USAGE);
        assertThat(output).contains("tlsweep scan: cannot load trust anchors from JDK default trust store: ");
        assertThat(out).doesNotExist();
    }
}
