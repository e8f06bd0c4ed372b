package io.tlsweep.cli;

import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ResultLines;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftJson;
import io.tlsweep.report.drift.DriftText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Compares a run with its baseline and leaves the answer in the run's directory, before its reports are built
 * (report.html then shows it): {@code drift.json} and {@code drift.txt}.
 */
final class RunDrift {
    static final String TEXT = "drift.txt";

    private RunDrift() {
    }

    static Drift compare(Path baselineDir, String baselineName, Path runDir, String runName, PrintWriter err,
            String command) throws IOException {
        Drift.Builder builder = Drift.builder();
        read(baselineDir.resolve(ScanRun.RESULTS), builder::old, err, command);
        read(runDir.resolve(ScanRun.RESULTS), builder::now, err, command);
        Drift drift = builder.build();
        DriftJson.of(drift, baselineName, runName).write(runDir.resolve(DriftJson.FILE));
        Files.writeString(runDir.resolve(TEXT), DriftText.render(drift));
        return drift;
    }

    /** No baseline: no drift, and no stale drift.json a report could show. */
    static void none(Path runDir) throws IOException {
        Files.deleteIfExists(runDir.resolve(DriftJson.FILE));
        Files.deleteIfExists(runDir.resolve(TEXT));
    }

    /** Each endpoint's last line, as the reports count them. */
    private static void read(Path results, Consumer<ResultJson> into, PrintWriter err, String command)
            throws IOException {
        ResultLines.read(results, into, e -> err.println(command + ": " + e));
    }
}
