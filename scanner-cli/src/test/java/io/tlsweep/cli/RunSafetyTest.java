package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.run.OutputLock;
import io.tlsweep.run.ScanRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, points 5, 6 and 11 in one process: a results file that cannot be written stops the scan at once with
 * one message and exit 3; an output directory in use is refused; option values out of range are usage errors in
 * the option's own words.
 */
class RunSafetyTest {
    /** Writes to this device fail with ENOSPC, "No space left on device", as on a full disk. */
    private static final Path FULL_DEVICE = Path.of("/dev/full");

    @TempDir
    Path dir;

    @Test
    void aResultsFileOnAFullDiskStopsTheScanWithOneMessageAndExitThree() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve(ScanRun.RESULTS), FULL_DEVICE);
        CliRun r = CliRun.tlsweep("scan", "-q", "--connect-timeout", "1000", "-o", out.toString(), "-p", "1",
                "127.9.0.0/20");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.RUNTIME);
        assertThat(r.err().lines().filter(l -> l.contains("No space left on device")).toList())
                .containsExactly("tlsweep scan: cannot write " + out.resolve(ScanRun.RESULTS)
                        + ": No space left on device");
        assertThat(r.err()).contains("--resume").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).as(r.err()).isLessThanOrEqualTo(3);
        assertThat(out.resolve("summary.json")).as("no reports of a run that stopped").doesNotExist();
        Files.delete(out.resolve(ScanRun.RESULTS));
    }

    @Test
    void aSecondRunIntoADirectoryInUseIsRefusedAndTheFirstKeepsIt() throws Exception {
        Path out = dir.resolve("out");
        try (OutputLock first = OutputLock.acquire(out, "tlsweep scan (the first run)")) {
            CliRun second = CliRun.tlsweep("scan", "-q", "-o", out.toString(), "127.0.0.1:1");
            assertThat(second.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(second.err()).contains(out + " is in use by another tlsweep run",
                    "pid " + ProcessHandle.current().pid(), "the first run");
            assertThat(out.resolve(ScanRun.RESULTS)).doesNotExist();
            CliRun report = CliRun.tlsweep("report", out.toString());
            assertThat(report.exit()).isEqualTo(ExitCodes.USAGE);
        }
        CliRun after = CliRun.tlsweep("scan", "-q", "--connect-timeout", "1000", "-o", out.toString(), "127.0.0.1:1");
        assertThat(after.exit()).as("the lock is gone with the first run: " + after.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(out.resolve(ScanRun.RESULTS))).hasSize(1);
    }

    @Test
    void optionValuesOutOfRangeAreUsageErrorsInTheOptionsWords() {
        CliRun zero = CliRun.tlsweep("scan", "-c", "0", "127.0.0.1:1");
        assertThat(zero.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).startsWith("Invalid value for option '-c': 0: must be at least 1")
                .contains("Try 'tlsweep scan --help'").doesNotContain("maxInFlight");
        CliRun timeout = CliRun.tlsweep("scan", "--read-timeout", "0", "127.0.0.1:1");
        assertThat(timeout.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(timeout.err()).startsWith("Invalid value for option '--read-timeout': 0 ms: must be at least 1 ms")
                .doesNotContain("PT0S");
        assertThat(CliRun.tlsweep("scan", "--per-host", "-1", "127.0.0.1:1").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.tlsweep("scan", "--rate", "-5", "127.0.0.1:1").err()).contains("'--rate'");
        assertThat(CliRun.tlsweep("scan", "--target-budget", "x", "127.0.0.1:1").err())
                .contains("'--target-budget': x: not a whole number");
        assertThat(CliRun.tlsweep("bench", "-c", "0", "127.0.0.1:1").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aSweepFilesEngineSettingsOutOfRangeAreNamedWithTheirLine() throws IOException {
        Path file = Files.writeString(dir.resolve("sweep.yaml"), "targets: [a.txt]\noutput: out\nscan:\n"
                + "  readTimeoutMs: 2000\n  concurrency: 0\n");
        CliRun r = CliRun.tlsweep("sweep", "--config", file.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).isEqualTo("tlsweep sweep: " + file + ":5: scan.concurrency: 0: must be at least 1");
        Path timeout = Files.writeString(dir.resolve("timeout.yaml"), "targets: [a.txt]\noutput: out\n"
                + "scan: {readTimeoutMs: 0}\n");
        assertThat(CliRun.tlsweep("sweep", "--config", timeout.toString()).err())
                .contains(timeout + ":3: scan.readTimeoutMs: 0 ms: must be at least 1 ms");
    }
}
