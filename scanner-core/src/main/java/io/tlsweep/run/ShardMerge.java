package io.tlsweep.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.metrics.HistogramLogs;
import io.tlsweep.report.InputJson;
import io.tlsweep.report.ReportSet;
import io.tlsweep.report.RunInfo;
import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftText;
import io.tlsweep.report.prometheus.PrometheusTextfile;
import io.tlsweep.report.prometheus.RunMetrics;
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
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The output directories of shard scans combined into one run ({@code tlsweep merge}): results.jsonl (one line
 * per endpoint, sorted), latency.hlog (each tag's histograms added up exactly), input.json, drift against a
 * baseline, the reports and tlsweep.prom, written into a temporary directory beside OUT and renamed into place,
 * so OUT is either absent or complete however many merges run at once.
 */
public final class ShardMerge {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Path> inputs;
    private final Path outputDir;
    private final Integer expect;
    private final ShardResults results = new ShardResults();

    /**
     * @param inputs the directories to merge, each holding results.jsonl
     * @param expect the number of shards merge.json records ({@code --expect}), or null
     */
    public ShardMerge(List<Path> inputs, Path outputDir, Integer expect) {
        this.inputs = List.copyOf(inputs);
        this.outputDir = outputDir;
        this.expect = expect;
    }

    /** Whether {@code dir} exists and is an empty directory, which a merge may fill. */
    public static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Indexes every input's results.jsonl; a line that is not a result goes to {@code errors} and is left out.
     * Returns the endpoints found in two inputs (named, up to a few, then counted): empty when the inputs are
     * disjoint, as shards must be.
     */
    public List<String> index(Consumer<String> errors) throws IOException {
        for (Path dir : inputs) {
            results.add(dir.resolve(Journal.FILE), errors);
        }
        return results.overlaps();
    }

    /**
     * Writes the merged run and renames it into place; false when another merge got there first. The verdict
     * table goes to {@code table} when given (printed from the temporary directory: a merge that then loses the
     * race printed the same table, from the same inputs).
     *
     * @param baseline the run to compare with, when given; else the newest complete merge under
     *     {@code baselineRoot}, when given
     * @param merge the merge's own start, version and command line; the run's span is widened to its inputs'
     * @param notes what the merge went without (a latency.hlog, a baseline) and the drift's counts
     */
    public boolean write(Optional<Path> baseline, Optional<Path> baselineRoot, RunInfo merge,
            Optional<PrintWriter> table, Consumer<String> notes, Consumer<String> errors) throws IOException {
        Path parent = outputDir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + outputDir.getFileName() + ".merging-");
        try {
            try (OutputStream out = Files.newOutputStream(tmp.resolve(Journal.FILE))) {
                results.writeSorted(out);
            }
            mergeLatency(tmp, notes);
            InputJson input = InputJson.of(0);
            for (Path dir : inputs) {
                input = input.plus(InputJson.readIfPresent(dir));
            }
            input.write(tmp);
            RunInfo info = span(merge);
            String runName = outputDir.toAbsolutePath().normalize().getParent() == null ? "merged"
                    : outputDir.toAbsolutePath().normalize().getParent().getFileName().toString();
            Optional<Path> before = baseline.isPresent() ? baseline : baselineRoot.isEmpty() ? Optional.empty()
                    : MergeMarker.newestUnder(baselineRoot.get(), outputDir);
            Optional<Drift> drift = Optional.empty();
            if (before.isPresent()) {
                drift = Optional.of(RunDrift.compare(before.get(), before.get().toString(), tmp, runName, errors));
                notes.accept("changes since " + before.get() + ": " + DriftText.countLine(drift.get()));
            } else if (baselineRoot.isPresent()) {
                notes.accept("no earlier complete merge under " + baselineRoot.get() + ": no drift this time");
            }
            RunReports.rebuild(tmp, info, table, errors);
            PrometheusTextfile.write(RunMetrics.of(tmp, runName, "", info.started(), info.duration(),
                    drift.map(Drift::counts)), tmp.resolve(PrometheusTextfile.FILE_NAME));
            new MergeMarker(true, expect, results.size(), inputs.stream()
                    .map(p -> p.toAbsolutePath().normalize().toString()).toList(), Instant.now().toString())
                    .write(tmp);
            if (!moveIntoPlace(tmp)) {
                return false;
            }
            tmp = null;
            return true;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** Result lines merged: one per endpoint. */
    public int targets() {
        return results.size();
    }

    /** Lines left out as not results. */
    public int skipped() {
        return results.skipped();
    }

    /** Lines left out because a later line of the same endpoint in the same input replaces them. */
    public int superseded() {
        return results.superseded();
    }

    private void mergeLatency(Path tmp, Consumer<String> notes) throws IOException {
        List<Path> logs = new ArrayList<>();
        for (Path dir : inputs) {
            Path log = dir.resolve(LatencyLog.FILE);
            if (Files.isRegularFile(log)) {
                logs.add(log);
            } else {
                notes.accept("no " + LatencyLog.FILE + " in " + dir + ": the merged latency leaves it out");
            }
        }
        if (!logs.isEmpty()) {
            try (OutputStream out = Files.newOutputStream(tmp.resolve(LatencyLog.FILE))) {
                HistogramLogs.merge(logs, out);
            }
        }
    }

    /**
     * The merged run as reports show it: from the earliest start to the latest end among the inputs'
     * summary.json files, with the merge's command line; the merge's own time when no input has one.
     */
    private RunInfo span(RunInfo merge) {
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
            if (MergeMarker.isComplete(outputDir)) {
                return false;
            }
            throw e;
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
