package io.tlsweep.run;

import io.tlsweep.check.Checks;
import io.tlsweep.report.InputJson;
import io.tlsweep.report.Listing;
import io.tlsweep.report.ReportSet;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.VerdictTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the user sees after a run, rebuilt from its results.jsonl (and latency.hlog): summary.json,
 * endpoints.csv, suites.csv, report.html, and the verdict table ({@link VerdictTable}). Every view comes from the
 * JSON lines, each endpoint once (its last line), so {@code tlsweep report} gives the same files as the scan did.
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
        rebuild(dir, run, table, errors, Listing.DEFAULT);
    }

    /** As the other, listing in the files and the table the endpoints {@code listing} asks for. */
    public static void rebuild(Path dir, RunInfo run, Optional<PrintWriter> table, Consumer<String> errors,
            Listing listing) throws IOException {
        ReportSet.rebuild(dir.resolve(ScanRun.RESULTS), dir.resolve(ScanRun.HISTOGRAMS), dir, run, errors,
                Checks.BUILT_IN, listing);
        if (table.isPresent()) {
            VerdictTable.print(table.get(), dir.resolve(ScanRun.RESULTS), listing.all(), InputJson.readIfPresent(dir));
        }
    }
}
