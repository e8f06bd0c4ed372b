package io.tlsweep.cli;

import io.tlsweep.evidence.EvidenceInput;
import io.tlsweep.evidence.EvidenceProblem;
import io.tlsweep.evidence.EvidenceReader;
import io.tlsweep.evidence.EvidenceReaders;
import io.tlsweep.evidence.EvidenceSummary;
import io.tlsweep.evidence.EvidenceTally;
import io.tlsweep.evidence.Position;
import io.tlsweep.evidence.ProfileMatcher;
import io.tlsweep.evidence.TallyOptions;
import io.tlsweep.evidence.WindowStart;
import io.tlsweep.report.EvidenceClientsCsv;
import io.tlsweep.report.EvidenceDailyCsv;
import io.tlsweep.report.EvidenceJson;
import io.tlsweep.report.EvidenceText;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<TallyOptions> options = options(err);
        Optional<EvidenceReader> reader = Optional.ofNullable(format).flatMap(EvidenceReaders::named);
        if (options.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (format != null && reader.isEmpty()) {
            err.println("tlsweep evidence: unknown format '" + format + "' (known: " + EvidenceReaders.names() + ")");
            return ExitCodes.USAGE;
        }
        Instant started = Instant.now();
        EvidenceTally tally = new EvidenceTally(options.get());
        int unopened = 0;
        for (String file : files) {
            unopened += read(file, reader, tally, err) ? 0 : 1;
        }
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
        return unopened > 0 || evidence.problemCount() > 0 ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /** Reads one input into the tally; false (and a message naming it) when it cannot be opened. */
    private boolean read(String file, Optional<EvidenceReader> reader, EvidenceTally tally, PrintWriter err) {
        String name = file.equals("-") ? "stdin" : file;
        tally.input(name);
        EvidenceInput in;
        try {
            in = file.equals("-") ? EvidenceInput.of(name, stdin()) : EvidenceInput.open(Path.of(file));
        } catch (IOException | RuntimeException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            err.println("tlsweep evidence: cannot open " + name + ": " + why);
            tally.problem(new EvidenceProblem(Position.offset(name, 0), "cannot be opened: " + why));
            return false;
        }
        try (in) {
            EvidenceReaders.read(in, reader, tally);
        } catch (IOException e) {
            err.println("tlsweep evidence: closing " + name + ": " + e.getMessage());
        }
        return true;
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

    /** The tally's options from --since and --endpoint; empty (and a message) when one is wrong. */
    private Optional<TallyOptions> options(PrintWriter err) {
        TallyOptions options = TallyOptions.DEFAULTS.identify(ProfileMatcher.builtIn()::identify);
        if (since != null) {
            Optional<Instant> from = WindowStart.parse(since, Instant.now());
            if (from.isEmpty()) {
                err.println("tlsweep evidence: --since '" + since + "' is not a duration (30d, 12h, 90m, P30D), a date"
                        + " (2026-11-01) or an instant (2026-11-01T08:00:00Z)");
                return Optional.empty();
            }
            options = options.since(from.get());
        }
        if (endpoint != null) {
            Optional<HostPort> given = HostPort.parse(endpoint);
            if (given.isEmpty()) {
                err.println("tlsweep evidence: --endpoint '" + endpoint + "' is not HOST:PORT ([IPv6]:PORT for IPv6,"
                        + " port 1-65535)");
                return Optional.empty();
            }
            options = options.endpoint(given.get().host(), given.get().port());
        }
        return Optional.of(options);
    }

    /** A {@code HOST:PORT} or {@code [IPv6]:PORT}, as {@code --endpoint} takes it. */
    record HostPort(String host, int port) {
        static Optional<HostPort> parse(String text) {
            String t = text.strip();
            int colon = t.lastIndexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
                return Optional.empty();
            }
            int port;
            try {
                port = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return host.isEmpty() || host.chars().anyMatch(c -> c <= ' ') || port < 1 || port > 65535
                    ? Optional.empty() : Optional.of(new HostPort(host, port));
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
