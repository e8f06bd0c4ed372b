package io.tlsweep.cli;

import io.tlsweep.run.ShardResults;
import io.tlsweep.run.RunReports;
import io.tlsweep.run.ScanRun;
import io.tlsweep.run.ShardMarker;
import io.tlsweep.run.RunDrift;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tlsweep.metrics.HistogramLogs;
import io.tlsweep.report.InputJson;
import io.tlsweep.report.ReportSet;
import io.tlsweep.report.prometheus.PrometheusTextfile;
import io.tlsweep.report.prometheus.RunMetrics;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsweep merge}: the output directories of shard scans combined into one run, written into a
 * temporary directory beside OUT and renamed into place, so OUT is either absent or complete however many
 * merges run at once.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Combine the output directories of shard scans (scan --shard/--shards) into one run:"
                + " results.jsonl (one line per endpoint, its last, sorted by target, port, SNI and origin),"
                + " latency.hlog (the histograms of each tag added up exactly), input.json (the duplicates each"
                + " shard dropped, added up) and the reports, as 'tlsweep report' writes them.",
        footer = {"", "The shards must be disjoint: an endpoint found in two directories is an error. A line that"
                + " is not a result (say, a truncated last line of a scan that was killed) is reported with its"
                + " file and line and left out.",
            "", "OUT is written in a temporary directory beside it and renamed into place, so it is complete or"
                + " absent; when OUT is already a complete merge, merge says so and does nothing.",
            "", "Exit codes: 0 merged, already merged, or (with --expect) still waiting for shards;"
                + " 2 usage or input error (overlapping shards; with lines left out, the rest is merged);"
                + " 3 runtime failure.",
            "", "Examples:",
            "  tlsweep merge -o merged shard-0 shard-1 shard-2 shard-3",
            "  tlsweep merge --expect 4 -o runs/$RUN_ID/merged runs/$RUN_ID/shard-*",
            "      (as every pod of a Kubernetes Indexed Job runs it after its scan:",
            "      all but the last to finish print 'waiting for shards', the last merges)"})
final class MergeCommand implements Callable<Integer> {
    /** What a merge leaves in OUT, last before the rename: OUT holding it is a complete merge. */
    static final String MARKER = "merge.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "OUT", required = true,
            description = "The merged run's directory; must not exist yet, or be empty, or be a complete merge.")
    private Path outputDir;

    @Option(names = "--expect", paramLabel = "N", description = "Merge only when the directories hold all N"
            + " shards 0..N-1 of one sweep, each once, each with a complete shard.json; until then print"
            + " 'waiting for shards' and exit 0 without writing anything. Directories that are not complete"
            + " shards are then left out.")
    private Integer expect;

    @Option(names = "--baseline", paramLabel = "RUN", description = "Compare the merged run with this earlier run"
            + " (a directory with results.jsonl): drift.json, drift.txt, the report's changes section and the"
            + " tlsweep_drift metrics.")
    private Path baseline;

    @Option(names = "--baseline-from", paramLabel = "ROOT", description = "As --baseline, with the newest complete"
            + " merged run found under ROOT (ROOT/*/merge.json or ROOT/*/merged/merge.json) other than OUT: for"
            + " nightly Jobs that write ROOT/<run>/merged.")
    private Path baselineRoot;

    @Option(names = {"-q", "--quiet"}, description = "No table on stdout, no summary on stderr.")
    private boolean quiet;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Output directories of scans"
            + " (each holding results.jsonl, and latency.hlog when there is one).")
    private List<Path> dirs = new ArrayList<>();

    /** {@code merge.json}: which directories went into a merged run, and when it was finished. */
    @JsonPropertyOrder({"complete", "shards", "targets", "sources", "finished"})
    record Merged(boolean complete, Integer shards, long targets, List<String> sources, String finished) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Instant begun = Instant.now();
        if (isComplete(outputDir)) {
            err.println("tlsweep merge: " + outputDir + " is already merged; nothing to do");
            return ExitCodes.OK;
        }
        if (expect != null && expect < 1) {
            err.println("tlsweep merge: --expect " + expect + ": need at least 1 shard");
            return ExitCodes.USAGE;
        }
        if (Files.exists(outputDir) && !isEmptyDirectory(outputDir)) {
            err.println("tlsweep merge: " + outputDir + " exists and is not a merged run (no " + MARKER
                    + "); remove it or choose another -o");
            return ExitCodes.USAGE;
        }
        List<Path> inputs = dirs;
        if (expect != null) {
            Shards shards = allShards(err);
            if (shards.exit() != null) {
                return shards.exit();
            }
            inputs = shards.dirs();
        }
        for (Path dir : inputs) {
            if (!Files.isRegularFile(dir.resolve(ScanRun.RESULTS))) {
                err.println("tlsweep merge: no " + ScanRun.RESULTS + " in " + dir);
                return ExitCodes.USAGE;
            }
        }

        ShardResults results = new ShardResults();
        for (Path dir : inputs) {
            results.add(dir.resolve(ScanRun.RESULTS), e -> err.println("tlsweep merge: " + e));
        }
        List<String> overlaps = results.overlaps();
        if (!overlaps.isEmpty()) {
            overlaps.forEach(o -> err.println("tlsweep merge: " + o));
            err.println("tlsweep merge: the shards overlap (they must be disjoint: the same input, shards 0..N-1"
                    + " of one N); nothing written");
            return ExitCodes.USAGE;
        }

        Path parent = outputDir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + outputDir.getFileName() + ".merging-");
        try {
            try (OutputStream out = Files.newOutputStream(tmp.resolve(ScanRun.RESULTS))) {
                results.writeSorted(out);
            }
            List<Path> logs = new ArrayList<>();
            for (Path dir : inputs) {
                Path log = dir.resolve(ScanRun.HISTOGRAMS);
                if (Files.isRegularFile(log)) {
                    logs.add(log);
                } else if (!quiet) {
                    err.println("tlsweep merge: no " + ScanRun.HISTOGRAMS + " in " + dir
                            + ": the merged latency leaves it out");
                }
            }
            if (!logs.isEmpty()) {
                try (OutputStream out = Files.newOutputStream(tmp.resolve(ScanRun.HISTOGRAMS))) {
                    HistogramLogs.merge(logs, out);
                }
            }
            InputJson input = InputJson.of(0);
            for (Path dir : inputs) {
                input = input.plus(InputJson.readIfPresent(dir));
            }
            input.write(tmp);
            // the table is printed from the temporary directory: a merge that then loses the race to another
            // printed the same table, from the same inputs
            RunInfo info = runInfo(inputs, begun);
            String runName = outputDir.toAbsolutePath().normalize().getParent() == null ? "merged"
                    : outputDir.toAbsolutePath().normalize().getParent().getFileName().toString();
            Optional<Path> before = baseline != null ? Optional.of(baseline) : baselineRoot == null ? Optional.empty()
                    : newestMerge(baselineRoot);
            Optional<Drift> drift = Optional.empty();
            if (before.isPresent()) {
                drift = Optional.of(RunDrift.compare(before.get(), before.get().toString(), tmp, runName,
                        e -> err.println("tlsweep merge: " + e)));
                if (!quiet) {
                    err.println("tlsweep merge: changes since " + before.get() + ": "
                            + DriftText.countLine(drift.get()));
                }
            } else if (baselineRoot != null && !quiet) {
                err.println("tlsweep merge: no earlier complete merge under " + baselineRoot + ": no drift this time");
            }
            RunReports.rebuild(tmp, info, quiet ? Optional.empty() : Optional.of(spec.commandLine().getOut()),
                    err::println);
            PrometheusTextfile.write(RunMetrics.of(tmp, runName, "", info.started(),
                    info.duration(), drift.map(Drift::counts)), tmp.resolve(PrometheusTextfile.FILE_NAME));
            Merged merged = new Merged(true, expect, results.size(),
                    inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(),
                    Instant.now().toString());
            JSON.writeValue(tmp.resolve(MARKER).toFile(), merged);
            if (!moveIntoPlace(tmp)) {
                err.println("tlsweep merge: " + outputDir + " was merged meanwhile by another process; nothing to do");
                return ExitCodes.OK;
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
        if (!quiet) {
            err.printf("tlsweep: merged %d target(s) from %d director%s into %s%s%s%n", results.size(), inputs.size(),
                    inputs.size() == 1 ? "y" : "ies", outputDir,
                    results.skipped() == 0 ? "" : "; " + results.skipped() + " line(s) left out",
                    results.superseded() == 0 ? "" : "; " + results.superseded() + " line(s) replaced by a later"
                            + " line of the same endpoint (the last counts)");
        }
        return results.skipped() == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** The shard directories to merge, in shard order, or the exit code when there is nothing to merge yet. */
    private record Shards(List<Path> dirs, Integer exit) {
    }

    /**
     * With {@code --expect N}: the N complete shard directories; or exit 0 after printing which are missing,
     * or exit 2 after printing why the directories cannot be merged.
     */
    private Shards allShards(PrintWriter err) {
        int n = expect;
        TreeMap<Integer, Path> complete = new TreeMap<>();
        List<Path> others = new ArrayList<>();
        boolean bad = false;
        for (Path dir : dirs) {
            Optional<ShardMarker> marker;
            try {
                marker = Files.isDirectory(dir) ? ShardMarker.read(dir) : Optional.empty();
            } catch (IOException e) {
                err.println("tlsweep merge: " + dir.resolve(ShardMarker.FILE) + " unreadable (" + e.getMessage()
                        + "); taken as not complete");
                marker = Optional.empty();
            }
            if (marker.isEmpty() || !marker.get().complete()) {
                others.add(dir);
                continue;
            }
            ShardMarker m = marker.get();
            if (m.shards() != n || m.shard() < 0 || m.shard() >= n) {
                err.println("tlsweep merge: " + dir + " is shard " + m.shard() + " of " + m.shards() + ", not one of"
                        + " --expect " + n);
                bad = true;
                continue;
            }
            Path before = complete.putIfAbsent(m.shard(), dir);
            if (before != null) {
                err.println("tlsweep merge: shard " + m.shard() + " is both " + before + " and " + dir);
                bad = true;
            }
        }
        if (bad) {
            return new Shards(List.of(), ExitCodes.USAGE);
        }
        if (complete.size() < n) {
            String missing = IntStream.range(0, n).filter(i -> !complete.containsKey(i)).mapToObj(Integer::toString)
                    .collect(Collectors.joining(", "));
            err.println("waiting for shards: " + complete.size() + " of " + n + " complete (missing: " + missing + ")");
            return new Shards(List.of(), ExitCodes.OK);
        }
        if (!quiet) {
            others.forEach(d -> err.println("tlsweep merge: " + d + " is not a complete shard; left out"));
        }
        return new Shards(List.copyOf(complete.values()), null);
    }

    /**
     * The merged run as reports show it: from the earliest start to the latest end among the inputs'
     * summary.json files, with this merge's command line; the merge's own time when no input has one.
     */
    /** The newest complete merge under {@code root} (by its merge.json), OUT excluded. */
    private Optional<Path> newestMerge(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Path self = outputDir.toAbsolutePath().normalize();
        Path best = null;
        Instant bestAt = null;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path run : runs) {
                for (Path candidate : List.of(run, run.resolve("merged"))) {
                    Path marker = candidate.resolve(MARKER);
                    if (candidate.toAbsolutePath().normalize().equals(self) || !Files.isRegularFile(marker)) {
                        continue;
                    }
                    try {
                        JsonNode m = JSON.readTree(marker.toFile());
                        Instant at = Instant.parse(m.path("finished").asText());
                        if (m.path("complete").asBoolean(false) && (bestAt == null || at.isAfter(bestAt))) {
                            best = candidate;
                            bestAt = at;
                        }
                    } catch (IOException | DateTimeParseException e) {
                        // not a readable merge marker: not a baseline
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private RunInfo runInfo(List<Path> inputs, Instant begun) {
        RunInfo merge = Tlsweep.runInfo(spec, begun);
        Instant first = null;
        Instant last = null;
        for (Path dir : inputs) {
            try {
                JsonNode run = JSON.readTree(dir.resolve(ReportSet.SUMMARY).toFile()).path("run");
                Instant started = Instant.parse(run.path("started").asText());
                Instant ended = started.plusMillis(run.path("durationMs").asLong());
                first = first == null || started.isBefore(first) ? started : first;
                last = last == null || ended.isAfter(last) ? ended : last;
            } catch (IOException | DateTimeParseException e) {
                // no summary (or an odd one): this input does not widen the span
            }
        }
        if (first == null) {
            return merge;
        }
        return new RunInfo(first, Duration.between(first, last), merge.tlsweepVersion(), merge.commandLine());
    }

    /** Renames {@code tmp} to OUT; false when another merge got there first. */
    private boolean moveIntoPlace(Path tmp) throws IOException {
        if (isEmptyDirectory(outputDir)) {
            try {
                Files.delete(outputDir); // rename(2) replaces an empty directory on Linux, not everywhere
            } catch (IOException e) {
                // another merge may have just filled it: the move below tells
            }
        }
        try {
            Files.move(tmp, outputDir, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            if (isComplete(outputDir)) {
                return false;
            }
            throw e;
        }
    }

    static boolean isComplete(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try {
            return JSON.readTree(marker.toFile()).path("complete").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Best effort: a temporary directory left behind is harmless (hidden, and never taken for OUT). */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // left behind
        }
    }
}
