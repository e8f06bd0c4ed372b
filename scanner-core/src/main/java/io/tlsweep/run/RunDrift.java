package io.tlsweep.run;

import io.tlsweep.report.ResultLines;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftJson;
import io.tlsweep.report.drift.DriftText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Compares a run with its baseline and leaves the answer in the run's directory, before its reports are built
 * (report.html then shows it): {@code drift.json} and {@code drift.txt}.
 */
public final class RunDrift {
    public static final String TEXT = "drift.txt";

    private RunDrift() {
    }

    /**
     * Compares {@code runDir}'s lines with {@code baselineDir}'s and writes drift.json and drift.txt into
     * {@code runDir}; a line that cannot be read goes to {@code errors} as {@code results.jsonl:LINE: why}.
     */
    public static Drift compare(Path baselineDir, String baselineName, Path runDir, String runName,
            Consumer<String> errors) throws IOException {
        Drift drift = between(baselineDir.resolve(Journal.FILE), runDir.resolve(Journal.FILE), errors);
        DriftJson.of(drift, baselineName, runName).write(runDir.resolve(DriftJson.FILE));
        Files.writeString(runDir.resolve(TEXT), DriftText.render(drift));
        return drift;
    }

    /**
     * What changed from {@code oldResults} to {@code newResults} (two results.jsonl files), each endpoint's last
     * line counting, as the reports count them; a line that cannot be read goes to {@code errors}.
     */
    public static Drift between(Path oldResults, Path newResults, Consumer<String> errors) throws IOException {
        Drift.Builder builder = Drift.builder();
        ResultLines.read(oldResults, builder::old, errors);
        ResultLines.read(newResults, builder::now, errors);
        return builder.build();
    }

    /** No baseline: no drift, and no stale drift.json a report could show. */
    public static void none(Path runDir) throws IOException {
        Files.deleteIfExists(runDir.resolve(DriftJson.FILE));
        Files.deleteIfExists(runDir.resolve(TEXT));
    }
}
