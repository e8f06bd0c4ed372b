package io.tlsweep.cli;

import io.tlsweep.run.OutputLock;
import io.tlsweep.run.RunReports;
import io.tlsweep.run.ScanRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlsweep report}: rebuild every report from a run's JSON lines. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild the reports and the verdict table of a run from its results.jsonl"
                + " (and latency.hlog beside it, when present).",
        footer = {"", "Example:", "  tlsweep report tlsweep-out"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ListingOptions listingOptions = new ListingOptions();

    @Parameters(paramLabel = "DIR", description = "The output directory of a scan (holding results.jsonl).")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve(ScanRun.RESULTS))) {
            spec.commandLine().getErr().println("tlsweep report: no " + ScanRun.RESULTS + " in " + dir);
            return ExitCodes.USAGE;
        }
        Instant rebuilt = Instant.now();
        try (OutputLock lock = OutputLock.acquire(dir, "tlsweep report")) {
            RunReports.rebuild(dir, Tlsweep.runInfo(spec, rebuilt), Optional.of(spec.commandLine().getOut()),
                    spec.commandLine().getErr()::println, listingOptions.listing());
        } catch (OutputLock.Busy e) {
            spec.commandLine().getErr().println("tlsweep report: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }
}
