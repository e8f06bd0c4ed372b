package io.tlsweep.cli;

import io.tlsweep.report.ReportSet;
import io.tlsweep.report.ResultLines;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Everything the user sees after a run, rebuilt from its results.jsonl (and latency.hlog): summary.json,
 * endpoints.csv, suites.csv, report.html, and the verdict table on stdout. Every view comes from the JSON
 * lines, each endpoint once (its last line), so {@code tlsweep report} gives the same files as the scan did.
 */
final class Reports {
    private Reports() {
    }

    static void rebuild(Path dir, RunInfo run, PrintWriter out, PrintWriter err, boolean table) throws IOException {
        ReportSet.rebuild(dir.resolve(ScanRun.RESULTS), dir.resolve(ScanRun.HISTOGRAMS), dir, run, err::println);
        if (table) {
            TextReport text = new TextReport(out);
            text.header();
            ResultLines.read(dir.resolve(ScanRun.RESULTS), text::row, e -> { });
            text.totals();
            out.flush();
        }
    }

    /** What a report says about the run that made it. */
    static RunInfo runInfo(CommandSpec spec, Instant started) {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.root().commandLine().getParseResult().originalArgs();
        String version = new Tlsweep.Version().getVersion()[0];
        return new RunInfo(started, Duration.between(started, Instant.now()), version,
                "tlsweep " + String.join(" ", args));
    }
}
