package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, point 4: the whole farm scanned once unsharded, and again as four shards the way a Kubernetes
 * Indexed Job runs them (four separate JVMs of the same build, each told its index by JOB_COMPLETION_INDEX and
 * only {@code --shards 4} on its command line), then {@code merge --expect 4}: the merged run has the same
 * results as the unsharded one, every target once, and a latency log that is exactly the sum of the four.
 *
 * <p>The shard processes run {@code java -cp <this test's class path> io.tlsweep.cli.Tlsweep}: the same classes
 * the shaded jar holds, without waiting for the package phase to build it.
 */
@ExtendWith(TargetFarmExtension.class)
class ShardMergeIT {
    private static final int SHARDS = 4;
    private static final String READ_TIMEOUT_MS = "10000";
    private static final long PROCESS_TIMEOUT_S = 180;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static int farmSize;
    private static Path unsharded;
    private static Path merged;
    private static final List<Path> SHARD_DIRS = new ArrayList<>();
    private static String mergeOut;

    @BeforeAll
    static void scanUnshardedThenInFourProcessesThenMerge(TargetFarm farm) throws Exception {
        farmSize = farm.targets().size();
        Path targets = writeTargets(farm, dir.resolve("targets.txt"));
        Path ca = farm.writeCaCertificate(dir.resolve("farm-ca.pem"));
        List<String> scan = List.of("scan", "-q", "--read-timeout", READ_TIMEOUT_MS, "--ca-file", ca.toString(),
                "-iL", targets.toString());

        unsharded = dir.resolve("unsharded");
        long t0 = System.nanoTime();
        List<String> args = new ArrayList<>(scan);
        args.addAll(List.of("-o", unsharded.toString()));
        StringWriter err = new StringWriter();
        int exit = Tlsweep.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        long t1 = System.nanoTime();

        assertThat(TestProcesses.builtJar()).as("the jar built by package, as the Job runs it").isPresent();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            Path out = dir.resolve("shard-" + i);
            SHARD_DIRS.add(out);
            List<String> shardArgs = new ArrayList<>(scan);
            shardArgs.addAll(List.of("-o", out.toString(), "--shards", Integer.toString(SHARDS)));
            List<String> command = TestProcesses.tlsweep(shardArgs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("shard-" + i + ".log").toFile());
            builder.environment().put(ShardOption.INDEX_VARIABLE, Integer.toString(i));
            processes.add(builder.start());
        }
        try {
            for (int i = 0; i < SHARDS; i++) {
                Process p = processes.get(i);
                assertThat(p.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)).as("shard %d finished", i).isTrue();
                assertThat(p.exitValue()).as("shard %d: %s", i, Files.readString(dir.resolve("shard-" + i + ".log")))
                        .isZero();
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        long t2 = System.nanoTime();

        merged = dir.resolve("merged");
        StringWriter mergeErr = new StringWriter();
        List<String> merge = new ArrayList<>(List.of("merge", "-q", "--expect", Integer.toString(SHARDS), "-o",
                merged.toString()));
        SHARD_DIRS.forEach(d -> merge.add(d.toString()));
        exit = Tlsweep.run(new PrintWriter(new StringWriter(), true), new PrintWriter(mergeErr, true),
                merge.toArray(String[]::new));
        mergeOut = mergeErr.toString();
        assertThat(exit).as(mergeOut).isZero();
        SchemaCheck.assertValid(dir);
        long t3 = System.nanoTime();
        System.out.printf("ShardMergeIT: %d targets; unsharded scan %.1f s, %d shard processes %.1f s"
                + " (in parallel), merge %.1f s%n", farmSize, (t1 - t0) / 1e9, SHARDS, (t2 - t1) / 1e9,
                (t3 - t2) / 1e9);
    }

    /** One line per farm target, as a user's target file would name them; SNI where the target wants it. */
    private static Path writeTargets(TargetFarm farm, Path file) throws IOException {
        StringBuilder lines = new StringBuilder("# the target farm\n");
        for (FarmTarget t : farm.targets()) {
            Optional<String> sni = t.isHostile() ? Optional.empty() : t.tls().sni().map(s -> s.serverName());
            lines.append("# ").append(t.name()).append('\n').append(t.hostPort())
                    .append(sni.map(s -> " sni=" + s).orElse("")).append('\n');
        }
        return Files.writeString(file, lines);
    }

    private static List<JsonNode> results(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /**
     * What a scan found for a target, without what depends on timing: elapsedMs, and the failure and refusal
     * texts (a hostile target that resets at once is sometimes refused while connecting, sometimes after;
     * one that drips a byte a second has sent 2 or 3 bytes at the timeout). Connections are kept: the farm
     * answers every hello alike, so the same probes are sent in every run.
     */
    private static String essence(JsonNode r) {
        StringBuilder protocols = new StringBuilder();
        for (JsonNode p : r.path("protocols")) {
            protocols.append(p.path("version").asText()).append(" order=").append(p.path("order").asText())
                    .append(" suites=");
            p.path("cipherSuites").forEach(s -> protocols.append(s.path("code").asText()).append(','));
            protocols.append(" groups=").append(p.path("groups")).append("; ");
        }
        return String.join(" | ", r.path("target").asText(), r.path("port").asText(), r.path("sni").asText(),
                r.path("origin").asText(), r.path("status").asText(), r.path("verdict").asText(),
                protocols.toString(), "groups=" + r.path("groups"), "findings=" + r.path("findings"),
                "connections=" + r.path("connections").asInt());
    }

    @Test
    void theMergedResultsAreTheUnshardedResultsWithEveryTargetOnce() throws IOException {
        List<JsonNode> all = results(unsharded);
        List<JsonNode> union = results(merged);
        assertThat(all).hasSize(farmSize);
        assertThat(union).hasSize(farmSize);
        assertThat(union.stream().map(r -> r.path("origin").asText()).distinct()).as("every target once")
                .hasSize(farmSize);
        assertThat(union.stream().map(ShardMergeIT::essence).collect(Collectors.toSet()))
                .isEqualTo(all.stream().map(ShardMergeIT::essence).collect(Collectors.toSet()));

        Comparator<JsonNode> order = Comparator.<JsonNode, String>comparing(r -> r.path("target").asText())
                .thenComparingInt(r -> r.path("port").asInt())
                .thenComparing(r -> r.path("sni").asText(""))
                .thenComparing(r -> r.path("origin").asText());
        assertThat(union).as("sorted by target, port, sni, origin").isSortedAccordingTo(order);
    }

    @Test
    void everyShardScannedItsPartAndSaidSoInShardJson() throws IOException {
        int total = 0;
        for (int i = 0; i < SHARDS; i++) {
            Path shard = SHARD_DIRS.get(i);
            JsonNode marker = JSON.readTree(shard.resolve("shard.json").toFile());
            int lines = results(shard).size();
            assertThat(marker.path("shard").asInt()).isEqualTo(i);
            assertThat(marker.path("shards").asInt()).isEqualTo(SHARDS);
            assertThat(marker.path("complete").asBoolean()).isTrue();
            assertThat(marker.path("targets").asInt()).isEqualTo(lines);
            assertThat(marker.path("finished").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(JSON.readTree(shard.resolve("summary.json").toFile()).path("run").path("commandLine").asText())
                    .startsWith("JOB_COMPLETION_INDEX=" + i + " tlsweep scan").endsWith("--shards 4");
            total += lines;
        }
        assertThat(total).isEqualTo(farmSize);
        assertThat(unsharded.resolve("shard.json")).as("an unsharded scan writes no marker").doesNotExist();
    }

    @Test
    void theMergedReportsCountWhatTheUnshardedOnesCount() throws IOException {
        for (String file : List.of("summary.json", "endpoints.csv", "suites.csv", "report.html", "latency.hlog",
                "merge.json")) {
            assertThat(merged.resolve(file)).isNotEmptyFile();
        }
        JsonNode one = JSON.readTree(unsharded.resolve("summary.json").toFile());
        JsonNode sum = JSON.readTree(merged.resolve("summary.json").toFile());
        for (String field : List.of("verdicts", "statuses", "versions", "findings")) {
            assertThat(sum.path(field)).as(field).isEqualTo(one.path(field));
        }
        assertThat(sum.path("totals").path("endpoints")).isEqualTo(one.path("totals").path("endpoints"));
        assertThat(sum.path("totals").path("connections")).isEqualTo(one.path("totals").path("connections"));
        assertThat(Files.readAllLines(merged.resolve("endpoints.csv"))).hasSameSizeAs(
                Files.readAllLines(unsharded.resolve("endpoints.csv")));
        assertThat(sum.path("run").path("commandLine").asText()).startsWith("tlsweep merge");
        assertThat(mergeOut).doesNotContain("waiting");
    }

    @Test
    void theMergedLatencyLogIsExactlyTheSumOfTheShardLogs() throws IOException {
        Map<String, Histogram> sum = new TreeMap<>();
        for (Path shard : SHARD_DIRS) {
            read(shard.resolve("latency.hlog")).forEach((tag, h) -> sum.merge(tag, h, (a, b) -> {
                a.add(b);
                return a;
            }));
        }
        Map<String, Histogram> log = read(merged.resolve("latency.hlog"));
        assertThat(log.keySet()).isEqualTo(sum.keySet()).isNotEmpty();
        assertThat(Files.readAllLines(merged.resolve("latency.hlog")).stream().filter(l -> l.startsWith("Tag=")))
                .as("one interval per tag").hasSize(sum.size());
        sum.forEach((tag, expected) -> {
            Histogram actual = log.get(tag);
            assertThat(actual.getTotalCount()).as(tag).isEqualTo(expected.getTotalCount());
            for (double p : new double[] {0, 25, 50, 75, 90, 99, 99.9, 100}) {
                assertThat(actual.getValueAtPercentile(p)).as(tag + " p" + p)
                        .isEqualTo(expected.getValueAtPercentile(p));
            }
            assertThat(actual).as(tag).isEqualTo(expected);
        });
    }

    @Test
    void theMergedLatencyLogCountsTheConnectionsTheUnshardedRunCounted() throws IOException {
        Map<String, Long> one = counts(read(unsharded.resolve("latency.hlog")));
        Map<String, Long> sum = counts(read(merged.resolve("latency.hlog")));
        // Racy by nature, so left out: hostile-reset-after-accept resets at once, and whether the client saw
        // the connection established (and timed it) before the reset differs from run to run.
        one.keySet().removeIf(ShardMergeIT::racy);
        sum.keySet().removeIf(ShardMergeIT::racy);
        assertThat(sum).isNotEmpty().isEqualTo(one);
    }

    private static boolean racy(String tag) {
        return tag.startsWith("connect/") && tag.endsWith("/reset-before-reply");
    }

    private static Map<String, Long> counts(Map<String, Histogram> byTag) {
        Map<String, Long> out = new TreeMap<>();
        byTag.forEach((tag, h) -> out.put(tag, h.getTotalCount()));
        return out;
    }

    /** Every interval of a log added up by tag, read with HdrHistogram alone (not with tlsweep's code). */
    private static Map<String, Histogram> read(Path hlog) throws IOException {
        Map<String, Histogram> byTag = new TreeMap<>();
        try (InputStream in = Files.newInputStream(hlog)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                Histogram h = (Histogram) next;
                byTag.merge(h.getTag(), h, (a, b) -> {
                    a.add(b);
                    return a;
                });
            }
        }
        return byTag;
    }
}
