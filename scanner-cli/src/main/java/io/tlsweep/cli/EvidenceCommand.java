package io.tlsweep.cli;

import io.tlsweep.analysis.LegacyUse;
import io.tlsweep.evidence.EvidenceReader;
import io.tlsweep.evidence.EvidenceReaders;
import io.tlsweep.evidence.EvidenceSummary;
import io.tlsweep.evidence.EvidenceTally;
import io.tlsweep.evidence.TallyOptions;
import io.tlsweep.report.EvidenceClientsCsv;
import io.tlsweep.report.EvidenceDailyCsv;
import io.tlsweep.report.EvidenceJson;
import io.tlsweep.report.EvidenceText;
import io.tlsweep.run.EvidenceAttach;
import io.tlsweep.run.EvidenceFiles;
import io.tlsweep.run.OutputLock;
import io.tlsweep.run.RunReports;
import io.tlsweep.run.ScanRun;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsweep evidence}: who uses which TLS version, read from server logs and packet captures. Each input is
 * streamed through its reader into one {@link EvidenceTally}; the outputs are written at the end. The formats in
 * {@code --help} are the registry's ({@link #describe}).
 */
@Command(name = "evidence", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Who still uses TLS 1.0/1.1: read server logs and packet captures (plain or gzip, any size,"
                + " streamed) and count, per server endpoint and negotiated version, the clients seen: address,"
                + " handshakes, first and last seen, user agents, suites, and who the client looks like where its"
                + " ClientHello is known. Writes evidence.json, evidence-clients.csv and evidence-daily.csv to the"
                + " output directory and a summary of the legacy versions used to stdout.",
        footer = {"", "Each FILE's format is recognised from its first lines (or given with --format); '-' reads"
                + " stdin. A line or block that cannot be read is reported with its file and line (or byte) and"
                + " the rest is read; a file that cannot be opened is named and the others are read.",
            "", "Exit codes: 0 every input read, 2 usage or input error (a file that cannot be opened, a line or"
                + " block that cannot be read: the rest is still counted and written), 3 runtime failure (an"
                + " output that cannot be written).",
            "", "Examples:",
            "  tlsweep evidence /var/log/nginx/access.log*.gz -o evidence-web",
            "  tlsweep evidence --since 30d --endpoint mx1.example:25 /var/log/mail.log",
            "  zcat old.log.gz | tlsweep evidence --format nginx -"})
final class EvidenceCommand implements Callable<Integer> {
    /** The output directory when none is given. */
    static final String DEFAULT_DIR = "tlsweep-evidence";

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Logs and captures to read ('-' = stdin).")
    private List<String> files = new ArrayList<>();

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = DEFAULT_DIR,
            description = "Where evidence.json and the CSV files are written (default: ${DEFAULT-VALUE}).")
    private Path outputDir;

    @Option(names = "--format", paramLabel = "NAME", description = "Read every FILE as this format instead of"
            + " recognising it (see the list below).")
    private String format;

    @Option(names = "--endpoint", paramLabel = "HOST:PORT", description = "The server endpoint for handshakes"
            + " whose input does not name it (a mail log names no server address); fills only what is missing.")
    private String endpoint;

    @Option(names = "--since", paramLabel = "WHEN", description = "Count only handshakes from WHEN on: a duration"
            + " back from now (30d, 12h, 90m, P30D), a date (2026-11-01, UTC) or an instant"
            + " (2026-11-01T08:00:00Z). Handshakes without a time are counted.")
    private String since;

    @Option(names = {"-q", "--quiet"}, description = "No summary on stdout, no totals on stderr.")
    private boolean quiet;

    @Option(names = "--scan", paramLabel = "RUN_DIR", description = "Join the evidence with the scan in RUN_DIR (a"
            + " scan's -o directory, or a sweep's run): each scanned endpoint's line gets its legacy-in-use,"
            + " legacy-unused, no-evidence or no-legacy verdict and its legacy clients; the run's reports are"
            + " rebuilt.")
    private Path scan;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        TallyOptions options;
        Optional<EvidenceReader> reader;
        try {
            options = EvidenceFiles.options(since, null, Instant.now());
            options = endpoint == null ? options : EvidenceFiles.options(since, endpoint, Instant.now());
        } catch (IllegalArgumentException e) {
            err.println("tlsweep evidence: " + (endpoint != null && e.getMessage().startsWith("'" + endpoint + "'")
                    ? "--endpoint " : "--since ") + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            reader = EvidenceFiles.format(format);
        } catch (IllegalArgumentException e) {
            err.println("tlsweep evidence: --format: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (scan != null && !Files.isRegularFile(scan.resolve(ScanRun.RESULTS))) {
            err.println("tlsweep evidence: --scan " + scan + ": no " + ScanRun.RESULTS + " there (give a scan's -o"
                    + " directory or a sweep's run directory)");
            return ExitCodes.USAGE;
        }
        Instant started = Instant.now();
        EvidenceTally tally = new EvidenceTally(options);
        int unopened = EvidenceFiles.read(files, reader, tally, stdin(), m -> err.println("tlsweep evidence: " + m));
        EvidenceSummary summary = tally.summary();
        EvidenceJson evidence = EvidenceJson.of(summary, tally.notes());
        try {
            write(evidence);
        } catch (IOException e) {
            err.println("tlsweep evidence: cannot write to " + outputDir + ": " + e.getMessage());
            return ExitCodes.RUNTIME;
        }
        if (!quiet) {
            EvidenceText.print(spec.commandLine().getOut(), evidence);
            spec.commandLine().getOut().flush();
            err.printf("tlsweep evidence: %d handshake(s) from %d input(s) in %.1f s, %d problem(s); written to %s%n",
                    evidence.observations(), files.size() - unopened,
                    Duration.between(started, Instant.now()).toMillis() / 1000.0, evidence.problemCount(), outputDir);
        }
        if (scan != null) {
            Integer joined = join(summary, started, err);
            if (joined != null) {
                return joined;
            }
        }
        return unopened > 0 || evidence.problemCount() > 0 ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /** Joins the evidence with the run in {@link #scan}; null when done, else the exit code of what failed. */
    private Integer join(EvidenceSummary summary, Instant started, PrintWriter err) {
        try (OutputLock lock = OutputLock.acquire(scan, "tlsweep evidence")) {
            Map<LegacyUse.Verdict, Long> counts = EvidenceAttach.attach(scan, summary,
                    m -> err.println("tlsweep evidence: " + m));
            RunReports.rebuild(scan, Tlsweep.runInfo(spec, started), Optional.empty(),
                    m -> err.println("tlsweep evidence: " + m));
            err.println("tlsweep evidence: joined with " + scan + ": " + Arrays.stream(LegacyUse.Verdict.values())
                    .map(v -> counts.getOrDefault(v, 0L) + " " + v.label()).collect(Collectors.joining(", "))
                    + "; reports rebuilt (" + scan.resolve("report.html") + ")");
            return null;
        } catch (OutputLock.Busy e) {
            err.println("tlsweep evidence: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("tlsweep evidence: cannot join with " + scan + ": " + e.getMessage());
            return ExitCodes.RUNTIME;
        }
    }

    /** Standard input, as the process has it; the command never closes it for others. */
    private static InputStream stdin() {
        return new FilterInputStream(System.in) {
            @Override
            public void close() {
                // stdin stays open
            }
        };
    }

    private void write(EvidenceJson evidence) throws IOException {
        Files.createDirectories(outputDir);
        evidence.write(outputDir.resolve(EvidenceJson.FILE));
        try (Writer w = Files.newBufferedWriter(outputDir.resolve(EvidenceClientsCsv.FILE), StandardCharsets.UTF_8)) {
            EvidenceClientsCsv.write(evidence, w);
        }
        try (Writer w = Files.newBufferedWriter(outputDir.resolve(EvidenceDailyCsv.FILE), StandardCharsets.UTF_8)) {
            EvidenceDailyCsv.write(evidence, w);
        }
    }

    /** Adds the formats of {@link EvidenceReaders#BUILT_IN}, with what each must log, to the help's footer. */
    static void describe(CommandSpec spec) {
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        int exitCodes = footer.stream().filter(l -> l.startsWith("Exit codes")).findFirst().map(footer::indexOf)
                .orElse(footer.size());
        int at = exitCodes > 0 && footer.get(exitCodes - 1).isEmpty() ? exitCodes - 1 : exitCodes;
        List<String> lines = new ArrayList<>(List.of("", "Formats (--format NAME; detected in this order):"));
        if (EvidenceReaders.BUILT_IN.isEmpty()) {
            lines.add("  (none in this build)");
        }
        for (EvidenceReader r : EvidenceReaders.BUILT_IN) {
            lines.add(String.format("  %-10s %s", r.name(), r.about()));
        }
        footer.addAll(at, lines);
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }
}
