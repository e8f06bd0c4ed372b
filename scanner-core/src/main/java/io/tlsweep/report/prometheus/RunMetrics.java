package io.tlsweep.report.prometheus;

import io.tlsweep.analysis.Verdict;
import io.tlsweep.report.Latency;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ResultLines;
import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.result.FailureKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * What one sweep exports to Prometheus: endpoint counts from its result lines, time to first reply from its
 * latency log, its start and duration, and optionally the drift against the previous sweep. A value: built
 * once by {@link #of(Path, Instant, Duration, Optional)} or its overloads, written by
 * {@link PrometheusTextfile#write(RunMetrics, Path)}.
 *
 * @param run the run's name ({@code tlsweep_run_info{run=...}})
 * @param shard "i/n" for one shard of a sharded sweep, "" for a whole or merged one
 * @param start when the sweep started
 * @param duration how long it took
 * @param endpointsByVerdict endpoints per verdict label; every {@link Verdict} present, in its order
 * @param endpointsAccepting endpoints accepting each version; SSLv3 to TLSv1.3 always present, oldest first,
 *     other versions seen (SSLv2, drafts) added in the order of age
 * @param failuresByKind endpoints whose result names a failure, per failure kind label; every
 *     {@link FailureKind} present
 * @param endpoints result lines read, one per endpoint
 * @param connections connections made, summed over the result lines
 * @param unreadableLines lines of results.jsonl that were not result lines and were left out
 * @param firstReply time to first reply per offered version (all outcome classes), oldest version first;
 *     empty when there is no latency log
 * @param drift counts per drift class, when the sweep was compared with a previous one
 */
public record RunMetrics(String run, String shard, Instant start, Duration duration,
        Map<String, Long> endpointsByVerdict, Map<String, Long> endpointsAccepting,
        Map<String, Long> failuresByKind, long endpoints, long connections, long unreadableLines,
        Map<String, FirstReplyQuantiles> firstReply, Optional<Map<String, Long>> drift) {

    /** The result lines of a run directory, as the scan writes them. */
    public static final String RESULTS_FILE = "results.jsonl";
    /** The HdrHistogram log of a run directory, as the scan writes it ({@code ScanMetrics.writeLog}). */
    public static final String LATENCY_FILE = "latency.hlog";
    /** The versions every file reports, accepted by some endpoint or not. */
    public static final List<String> VERSIONS = List.of("SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private static final List<String> AGE = List.of("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final String FIRST_REPLY_TAG = "first-reply";

    /** Known versions by age, unknown names (drafts, hex codes) after TLS 1.2 and by name. */
    private static final Comparator<String> BY_AGE = Comparator.<String>comparingDouble(v -> {
        int i = AGE.indexOf(v);
        return i >= 0 ? i : AGE.indexOf("TLSv1.2") + 0.5;
    }).thenComparing(Comparator.naturalOrder());

    /** The verdict label of a line that has none (never written by tlsweep itself). */
    static final String NO_VERDICT = "none";

    public RunMetrics {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        endpointsByVerdict = Collections.unmodifiableMap(new LinkedHashMap<>(endpointsByVerdict));
        endpointsAccepting = Collections.unmodifiableMap(new LinkedHashMap<>(endpointsAccepting));
        failuresByKind = Collections.unmodifiableMap(new LinkedHashMap<>(failuresByKind));
        firstReply = Collections.unmodifiableMap(new LinkedHashMap<>(firstReply));
        drift.ifPresent(d -> d.forEach((driftClass, count) -> Objects.requireNonNull(count, driftClass)));
        drift = drift.map(d -> Collections.unmodifiableMap(new LinkedHashMap<>(d)));
    }

    /**
     * The metrics of the run in {@code runDir} ({@value #RESULTS_FILE}, and {@value #LATENCY_FILE} when
     * present), named after the directory, with no shard.
     */
    public static RunMetrics of(Path runDir, Instant start, Duration duration, Optional<Map<String, Long>> drift)
            throws IOException {
        Path name = runDir.toAbsolutePath().normalize().getFileName();
        return of(runDir, name == null ? "" : name.toString(), "", start, duration, drift);
    }

    /**
     * The metrics of the run in {@code runDir}, named {@code run}; {@code shard} is "i/n" for one shard, ""
     * otherwise. A missing results file is an error; a missing latency log means no latency metrics.
     */
    public static RunMetrics of(Path runDir, String run, String shard, Instant start, Duration duration,
            Optional<Map<String, Long>> drift) throws IOException {
        Path results = runDir.resolve(RESULTS_FILE);
        Counts counts = new Counts();
        List<String> errors = new ArrayList<>();
        ResultLines.read(results, counts, errors::add);
        // a file that is not a histogram log leaves the latency metrics out; the rebuilt reports say why
        Latency latency = Latency.readIfPresent(runDir.resolve(LATENCY_FILE), unreadable -> { });
        return counts.metrics(latency, errors.size(), run, shard, start, duration, drift);
    }

    /** The metrics of results and latency held in memory (nothing is read). */
    public static RunMetrics ofResults(Iterable<ResultJson> results, Latency latency, String run, String shard,
            Instant start, Duration duration, Optional<Map<String, Long>> drift) {
        Counts counts = new Counts();
        results.forEach(counts);
        return counts.metrics(latency, 0, run, shard, start, duration, drift);
    }

    /** The same metrics under another run name and shard. */
    public RunMetrics withRun(String newRun, String newShard) {
        return new RunMetrics(newRun, newShard, start, duration, endpointsByVerdict, endpointsAccepting,
                failuresByKind, endpoints, connections, unreadableLines, firstReply, drift);
    }

    /** Time to first reply per offered version: every outcome class of a version added up, oldest first. */
    static Map<String, FirstReplyQuantiles> firstReply(Latency latency) {
        Map<String, Histogram> byVersion = new TreeMap<>(BY_AGE);
        latency.histograms().forEach((tag, h) -> {
            String[] parts = tag.split("/", -1);
            if (parts.length == 3 && parts[0].equals(FIRST_REPLY_TAG)) {
                byVersion.computeIfAbsent(parts[1], v -> new Histogram(h.getNumberOfSignificantValueDigits()))
                        .add(h);
            }
        });
        Map<String, FirstReplyQuantiles> out = new LinkedHashMap<>();
        byVersion.forEach((version, h) -> {
            if (h.getTotalCount() > 0) {
                out.put(version, FirstReplyQuantiles.of(h));
            }
        });
        return out;
    }

    /** Tallies result lines; fed from one thread. */
    private static final class Counts implements Consumer<ResultJson> {
        private final Map<String, Long> verdicts = new LinkedHashMap<>();
        private final Map<String, Long> accepting = new TreeMap<>(BY_AGE);
        private final Map<String, Long> failures = new LinkedHashMap<>();
        private long endpoints;
        private long connections;

        Counts() {
            for (Verdict v : Verdict.values()) {
                verdicts.put(v.label(), 0L);
            }
            VERSIONS.forEach(v -> accepting.put(v, 0L));
            for (FailureKind k : FailureKind.values()) {
                failures.put(k.label(), 0L);
            }
        }

        @Override
        public void accept(ResultJson r) {
            endpoints++;
            connections += r.connections();
            verdicts.merge(r.verdict() == null ? NO_VERDICT : r.verdict(), 1L, Long::sum);
            Set<String> versions = new HashSet<>();
            if (r.protocols() != null) {
                for (ProtocolJson p : r.protocols()) {
                    if (p.version() != null && versions.add(p.version())) {
                        accepting.merge(p.version(), 1L, Long::sum);
                    }
                }
            }
            if (r.failure() != null && r.failure().kind() != null) {
                failures.merge(r.failure().kind(), 1L, Long::sum);
            }
        }

        RunMetrics metrics(Latency latency, long unreadable, String run, String shard, Instant start,
                Duration duration, Optional<Map<String, Long>> drift) {
            return new RunMetrics(run, shard, start, duration, verdicts, accepting, failures, endpoints, connections,
                    unreadable, firstReply(latency), drift);
        }
    }
}
