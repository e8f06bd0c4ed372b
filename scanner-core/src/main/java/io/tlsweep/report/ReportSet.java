package io.tlsweep.report;

import io.tlsweep.check.Checks;
import io.tlsweep.report.cbom.Cbom;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes every file report of a run into one directory: {@code endpoints.csv} and {@code suites.csv} while
 * results stream by, then {@code summary.json}, {@code report.html} and {@code cbom.json} (the run's
 * cryptographic assets in CycloneDX 1.6, {@link Cbom}) at {@link #finish}. When the directory
 * holds a {@code drift.json} at that point, report.html shows its changes. Memory is bounded
 * by {@link Tally}'s caps, not by the number of endpoints. Not thread-safe: feed it from one thread.
 *
 * <pre>{@code
 * try (ReportSet reports = ReportSet.open(dir)) {
 *     results.forEach(reports::add);
 *     reports.finish(Latency.readIfPresent(hlog), run);
 * }
 * }</pre>
 */
public final class ReportSet implements Consumer<ResultJson>, Closeable {
    public static final String SUMMARY = "summary.json";
    public static final String ENDPOINTS = "endpoints.csv";
    public static final String SUITES = "suites.csv";
    public static final String HTML = "report.html";
    public static final String CBOM = "cbom.json";

    private final Path dir;
    private final EndpointsCsv endpoints;
    private final SuitesCsv suites;
    private final Tally tally;
    private final Cbom cbom = new Cbom();
    private boolean closed;
    private boolean finished;
    private long superseded;
    private boolean onlyAnswering;

    private ReportSet(Path dir, EndpointsCsv endpoints, SuitesCsv suites, Tally tally) {
        this.dir = dir;
        this.endpoints = endpoints;
        this.suites = suites;
        this.tally = tally;
    }

    /** Creates {@code dir} if needed and starts the CSV files; the HTML keeps {@link Tally#DEFAULT_CAP} rows. */
    public static ReportSet open(Path dir) throws IOException {
        return open(dir, Tally.DEFAULT_CAP);
    }

    /** As {@link #open(Path)}, keeping at most {@code cap} endpoints per HTML list. */
    public static ReportSet open(Path dir, int cap) throws IOException {
        return open(dir, cap, Checks.BUILT_IN);
    }

    /**
     * As {@link #open(Path, int)}, for a run of {@code checks} (the page explains their findings); their parts'
     * columns in endpoints.csv are those of the first result.
     */
    public static ReportSet open(Path dir, int cap, Checks checks) throws IOException {
        return open(dir, cap, checks, null, null, judgedIds(checks), null);
    }

    /**
     * As {@link #open(Path, int, Checks)}, with the client profiles and checks that get a column in endpoints.csv
     * (null: those of the first result), and the policies that do.
     */
    private static ReportSet open(Path dir, int cap, Checks checks, List<String> profileIds, List<String> checkIds,
            List<String> judgedIds, List<String> policyIds) throws IOException {
        Files.createDirectories(dir);
        EndpointsCsv endpoints = new EndpointsCsv(writer(dir.resolve(ENDPOINTS)), profileIds, checkIds, judgedIds,
                policyIds);
        try {
            return new ReportSet(dir, endpoints, new SuitesCsv(writer(dir.resolve(SUITES))), new Tally(cap, checks));
        } catch (IOException | RuntimeException e) {
            endpoints.close();
            throw e;
        }
    }

    /** Writes all four reports from a finished list or stream of results. */
    public static Tally write(Path dir, Iterable<ResultJson> results, Latency latency, RunInfo run)
            throws IOException {
        try (ReportSet reports = open(dir)) {
            results.forEach(reports::add);
            return reports.finish(latency, run);
        }
    }

    /**
     * Rebuilds every report from a {@code results.jsonl}, each endpoint once: when it has several lines, the
     * last wins ({@link ResultLines}). Lines that do not parse go to {@code errors} and are left out. Latency
     * comes from {@code hlog} if that file exists.
     */
    public static Tally rebuild(Path resultsJsonl, Path hlog, Path dir, RunInfo run, Consumer<String> errors)
            throws IOException {
        return rebuild(resultsJsonl, hlog, dir, run, errors, Checks.BUILT_IN);
    }

    /** As the other, for a run of {@code checks}: the page explains their findings beside tlsweep's own. */
    public static Tally rebuild(Path resultsJsonl, Path hlog, Path dir, RunInfo run, Consumer<String> errors,
            Checks checks) throws IOException {
        return rebuild(resultsJsonl, hlog, dir, run, errors, checks, Listing.DEFAULT);
    }

    /** As the other, listing the endpoints {@code listing} asks for in endpoints.csv and report.html's tables. */
    public static Tally rebuild(Path resultsJsonl, Path hlog, Path dir, RunInfo run, Consumer<String> errors,
            Checks checks, Listing listing) throws IOException {
        List<String> judged = new ArrayList<>(judgedIds(checks));
        List<String> checkIds = checkIds(resultsJsonl, checks, judged);
        try (ReportSet reports = open(dir, Tally.DEFAULT_CAP, checks, firstIds(resultsJsonl, "profiles",
                r -> r.profiles() == null ? List.of() : r.profiles().stream().map(ProfileJson::id).toList()),
                checkIds, judged, firstIds(resultsJsonl, "policies", r -> r.policies() == null ? List.of()
                        : r.policies().stream().map(PolicyJson::policy).toList()))) {
            reports.onlyAnswering = listing.onlyAnswering();
            reports.superseded = ResultLines.read(resultsJsonl, reports::add, errors);
            return reports.finish(Latency.readIfPresent(hlog, errors), run);
        }
    }

    /** The active checks of {@code checks}: each has its result column in endpoints.csv, run or not. */
    private static List<String> judgedIds(Checks checks) {
        return checks.judged().stream().map(c -> c.id()).toList();
    }

    /**
     * The checks with a part on any line (checks of one service, such as {@code rdp-accepts}, are on its lines
     * only), in the order of {@code checks}, then any other in the order met; the active checks met that {@code
     * judged} lacks (a check of another build) are added to it.
     */
    private static List<String> checkIds(Path resultsJsonl, Checks checks, List<String> judged) throws IOException {
        java.util.Set<String> met = new java.util.LinkedHashSet<>();
        try (BufferedReader in = Files.newBufferedReader(resultsJsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains("\"checks\":")) {
                    JsonLinesReader.read(new BufferedReader(new java.io.StringReader(line)), "", r -> {
                        if (r.checks() != null) {
                            met.addAll(r.checks().keySet());
                            r.checks().forEach((id, c) -> {
                                if (c != null && c.result() != null && !judged.contains(id)) {
                                    judged.add(id);
                                }
                            });
                        }
                    }, e -> { });
                }
            }
        }
        List<String> ids = new ArrayList<>();
        checks.all().stream().map(c -> c.id()).filter(met::contains).forEach(ids::add);
        met.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    /**
     * The profiles (or policies) of a run: those of its first line that has any (an endpoint nothing answered carries
     * none).
     * Reads only as far as that line.
     */
    private static List<String> firstIds(Path resultsJsonl, String field,
            java.util.function.Function<ResultJson, List<String>> ids) throws IOException {
        List<String> found = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(resultsJsonl, StandardCharsets.UTF_8)) {
            String line;
            while (found.isEmpty() && (line = in.readLine()) != null) {
                if (!line.contains("\"" + field + "\":")) {
                    continue;
                }
                JsonLinesReader.read(new BufferedReader(new java.io.StringReader(line)), "",
                        r -> found.addAll(ids.apply(r)), e -> { });
            }
        }
        return found;
    }

    /** Adds one endpoint: its CSV rows are written now, its counts kept for the summary and the page. */
    public void add(ResultJson result) {
        if (closed) {
            throw new IllegalStateException("reports already closed");
        }
        EndpointFacts facts = EndpointFacts.of(result);
        boolean listed = !(onlyAnswering && NoAnswer.test(result));
        if (listed) {
            endpoints.write(facts);
            suites.write(result);
        }
        tally.add(facts, listed);
        cbom.add(result);
    }

    @Override
    public void accept(ResultJson result) {
        add(result);
    }

    /**
     * Closes the CSV files (no more {@link #add}) and writes summary.json and report.html, with the duplicates
     * the run dropped from its input and its input errors when the directory holds an {@link InputJson}; returns the
     * counts.
     */
    public Tally finish(Latency latency, RunInfo run) throws IOException {
        if (finished) {
            throw new IllegalStateException("reports already finished");
        }
        close();
        finished = true;
        tally.input(InputJson.readIfPresent(dir), superseded);
        try (OutputStream out = OutputFiles.stream(dir.resolve(SUMMARY))) {
            SummaryJson.of(tally, latency, run).write(out);
        }
        try (Writer out = writer(dir.resolve(HTML))) {
            HtmlReport.write(out, tally, latency, run, DriftSection.readIfPresent(dir, Tally.DEFAULT_CAP));
        }
        try (OutputStream out = OutputFiles.stream(dir.resolve(CBOM))) {
            cbom.write(out, run);
        }
        return tally;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (endpoints) {
            suites.close();
        }
    }

    private static Writer writer(Path file) throws IOException {
        return OutputFiles.writer(file);
    }
}
