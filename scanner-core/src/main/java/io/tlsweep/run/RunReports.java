package io.tlsweep.run;

import io.tlsweep.report.InputJson;
import io.tlsweep.report.ReportSet;
import io.tlsweep.report.ResultLines;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the user sees after a run, rebuilt from its results.jsonl (and latency.hlog): summary.json,
 * endpoints.csv, suites.csv, report.html, and the verdict table. Every view comes from the JSON lines, each
 * endpoint once (its last line), so {@code tlsweep report} gives the same files as the scan did.
 */
public final class RunReports {
    private RunReports() {
    }

    /**
     * Writes the reports of the run in {@code dir}, and the verdict table to {@code table} when there is one (with the run's input errors after its totals).
     *
     * @param errors what could not be read (a line of results.jsonl, latency.hlog), one message each
     */
    public static void rebuild(Path dir, RunInfo run, Optional<PrintWriter> table, Consumer<String> errors)
            throws IOException {
        ReportSet.rebuild(dir.resolve(ScanRun.RESULTS), dir.resolve(ScanRun.HISTOGRAMS), dir, run, errors);
        if (table.isPresent()) {
            PrintWriter out = table.get();
            TextReport text = new TextReport(out);
            text.header();
            ResultLines.read(dir.resolve(ScanRun.RESULTS), text::row, e -> { });
            text.totals();
            text.inputErrors(InputJson.readIfPresent(dir));
            out.flush();
        }
    }
}
