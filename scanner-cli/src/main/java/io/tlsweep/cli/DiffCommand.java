package io.tlsweep.cli;

import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftJson;
import io.tlsweep.report.drift.DriftText;
import io.tlsweep.run.DriftFailOn;
import io.tlsweep.run.RunDrift;
import io.tlsweep.run.ScanRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlsweep diff}: what changed between two runs. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two runs endpoint by endpoint (target, port and SNI): endpoints that appeared or"
                + " disappeared, versions, cipher suites and order enabled, disabled or changed, TLS 1.0/1.1 coming"
                + " back, new or expiring certificates, verdict and status changes.",
        footer = {"", "OLD and NEW are run directories (holding results.jsonl) or results.jsonl files.",
            "Unreadable lines are reported as FILE:LINE and skipped.",
            "", "--fail-on conditions (comma-separated):",
            "  drift              any change since the baseline",
            "  drift:legacy       SSLv3, TLS 1.0 or 1.1 newly accepted (legacy-enabled)",
            "  drift:versions     a version enabled or disabled",
            "  drift:suites       a cipher suite enabled or disabled",
            "  drift:order        whose order decides, or the server's order, changed",
            "  drift:certificate  a new leaf certificate, or one newly expiring or expired",
            "  drift:verdict      a verdict changed",
            "  drift:vulnerable   an active check found an endpoint vulnerable that it did not before",
            "                     (check-vulnerable)",
            "  drift:checks       that, or any other change of an active check's result (check-changed)",
            "  drift:legacy-clients  a client newly seen on SSLv3, TLS 1.0 or 1.1 in the evidence of use",
            "                     (legacy-client-appeared; both runs joined with evidence)",
            "  drift:appeared     a new endpoint",
            "  drift:disappeared  an endpoint gone",
            "  drift:status       a scan status changed (ok → unreachable...)",
            "  drift:LABEL        one class by its label (legacy-enabled, suite-disabled...)",
            "", "Exit codes: 0 no condition met, 1 a --fail-on condition met, 2 usage or input error (an unreadable"
                    + " line, even when a condition is met), 3 runtime failure.",
            "", "Examples:",
            "  tlsweep diff runs/monday runs/tuesday",
            "  tlsweep diff -q --json drift.json --fail-on drift:legacy,drift:certificate old/ new/results.jsonl"})
final class DiffCommand implements Callable<Integer> {
    /** Unreadable lines reported one by one; past this many only their number. */
    static final int ERRORS_SHOWN = 20;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The baseline run: a directory or a results.jsonl.")
    private Path old;

    @Parameters(index = "1", paramLabel = "NEW", description = "The run to compare: a directory or a results.jsonl.")
    private Path now;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the changes as JSON (drift.json schema).")
    private Path json;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on stdout; errors still go to stderr.")
    private boolean quiet;

    @Option(names = "--fail-on", split = ",", paramLabel = "CONDITION", converter = DriftFailOnConverter.class,
            description = "Exit with code 1 when a change meets one of these conditions.")
    private List<DriftFailOn> failOn = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path oldFile = results(old, err);
        Path newFile = results(now, err);
        if (oldFile == null || newFile == null) {
            return ExitCodes.USAGE;
        }
        Errors errors = new Errors(err);
        Drift drift;
        try {
            drift = RunDrift.between(oldFile, newFile, errors);
        } catch (IOException | UncheckedIOException e) {
            err.println("tlsweep diff: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!quiet) {
            DriftText.print(out, drift);
        }
        if (json != null) {
            try {
                DriftJson.of(drift, old.toString(), now.toString()).write(json);
            } catch (IOException e) {
                err.println("tlsweep diff: cannot write " + json + ": " + e.getMessage());
                return ExitCodes.RUNTIME;
            }
        }
        if (errors.count > 0) {
            err.println("tlsweep diff: " + errors.count + " unreadable line(s) skipped");
            return ExitCodes.USAGE;
        }
        return DriftFailOn.anyMet(failOn, drift) ? ExitCodes.POLICY : ExitCodes.OK;
    }

    /** A run directory's results.jsonl, or the file itself; null (and a message) when there is neither. */
    private static Path results(Path given, PrintWriter err) {
        if (Files.isDirectory(given)) {
            Path file = given.resolve(ScanRun.RESULTS);
            if (Files.isRegularFile(file)) {
                return file;
            }
            err.println("tlsweep diff: no " + ScanRun.RESULTS + " in " + given);
            return null;
        }
        if (Files.isRegularFile(given)) {
            return given;
        }
        err.println("tlsweep diff: no such run directory or file: " + given);
        return null;
    }

    /** Reports the first unreadable lines, counts them all. */
    private static final class Errors implements Consumer<String> {
        private final PrintWriter err;
        private long count;

        Errors(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(String message) {
            count++;
            if (count <= ERRORS_SHOWN) {
                err.println("tlsweep diff: " + message);
            } else if (count == ERRORS_SHOWN + 1) {
                err.println("tlsweep diff: more unreadable lines follow; only their number is reported");
            }
        }
    }
}
