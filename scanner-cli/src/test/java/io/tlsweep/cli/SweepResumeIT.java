package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep of 2,000 loopback targets killed with SIGKILL at random points, then resumed (killed again, resumed
 * again): no target lost, none written twice, and the final reports equal those of a run never interrupted.
 */
class SweepResumeIT {
    private static final int TLS_TARGETS = 1000;
    private static final int CLOSED_TARGETS = 1000;
    private static final int TARGETS = TLS_TARGETS + CLOSED_TARGETS;
    private static final int TRIALS = 5;
    private static final long PROCESS_TIMEOUT_S = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedSweepsResumeToTheSameReportsWithNothingLostOrTwice() throws Exception {
        try (TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.mixed(), DefaultProfiles.serverOrdered()))) {
            assertThat(TestProcesses.builtJar()).as("the jar built by package").isPresent();
            Path targets = writeTargets(farm);
            Path reference = run("reference", targets);
            sweep(reference, false);
            Set<String> expected = new HashSet<>(keys(results(reference)));
            assertThat(expected).hasSize(TARGETS);
            Random random = new Random(20261123L);
            int killedMidRun = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                Path config = run("trial-" + trial, targets);
                for (int kill = 0; kill < 2; kill++) {
                    int before = lines(config);
                    int at = before + 1 + random.nextInt(Math.max(1, (TARGETS - before) / 2));
                    if (killAt(config, kill > 0, at)) {
                        killedMidRun++;
                    }
                }
                sweep(config, true);
                List<JsonNode> lines = results(config);
                List<String> keys = keys(lines);
                assertThat(lines).as("trial %d: one line per target", trial).hasSize(TARGETS);
                assertThat(new HashSet<>(keys)).as("trial %d: no target lost", trial).isEqualTo(expected);
                assertSameReports(trial, comparable(config), comparable(reference));
            }
            assertThat(killedMidRun).as("kills that hit a run in progress").isGreaterThanOrEqualTo(TRIALS);
        }
    }

    /** Equal, or fails naming the first few differing entries of the first report that differs. */
    @SuppressWarnings("unchecked")
    private static void assertSameReports(int trial, List<Object> got, List<Object> want) {
        String[] names = {"results.jsonl", "endpoints.csv", "suites.csv", "summary.json"};
        for (int i = 0; i < want.size(); i++) {
            if (want.get(i) instanceof Set<?>) {
                Set<String> missing = new TreeSet<>((Set<String>) want.get(i));
                missing.removeAll((Set<String>) got.get(i));
                Set<String> extra = new TreeSet<>((Set<String>) got.get(i));
                extra.removeAll((Set<String>) want.get(i));
                assertThat(missing.stream().limit(2).map(l -> l.substring(0, Math.min(600, l.length()))).toList())
                        .as("trial %d: %s lines missing; extra: %s", trial, names[i], extra.stream().limit(2)
                                .map(l -> l.substring(0, Math.min(600, l.length()))).toList()).isEmpty();
                assertThat(extra).as("trial %d: %s extra lines", trial, names[i]).isEmpty();
            } else {
                assertThat(got.get(i)).as("trial %d: %s", trial, names[i]).isEqualTo(want.get(i));
            }
        }
    }

    /** Starts the sweep as its own JVM and SIGKILLs it once results.jsonl has {@code at} lines. */
    private boolean killAt(Path config, boolean resume, int at) throws Exception {
        List<String> args = new ArrayList<>(List.of("sweep", "-q", "--config", config.toString()));
        if (resume) {
            args.add("--resume");
        }
        Process p = new ProcessBuilder(TestProcesses.tlsweep(args)).redirectErrorStream(true)
                .redirectOutput(config.resolveSibling(config.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_S);
        try {
            while (p.isAlive() && System.nanoTime() < deadline) {
                if (lines(config) >= at) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    return true;
                }
                Thread.sleep(2);
            }
            return false;
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void sweep(Path config, boolean resume) throws Exception {
        List<String> args = new ArrayList<>(List.of("sweep", "-q", "--config", config.toString()));
        if (resume) {
            args.add("--resume");
        }
        Path log = config.resolveSibling(config.getFileName() + ".final.log");
        Process p = new ProcessBuilder(TestProcesses.tlsweep(args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)).as("sweep finished").isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    private Path writeTargets(TargetFarm farm) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        StringBuilder lines = new StringBuilder();
        String[] tls = {farm.target("mixed-tls10-12").hostPort(), farm.target("order-server").hostPort()};
        for (int i = 0; i < TLS_TARGETS; i++) {
            lines.append(tls[i % 2]).append(" sni=t").append(i).append(".tlsweep.test\n");
        }
        for (int i = 0; i < CLOSED_TARGETS; i++) {
            lines.append("127.0.0.1:").append(closed).append(" sni=c").append(i).append(".tlsweep.test\n");
        }
        return Files.writeString(dir.resolve("targets.txt"), lines);
    }

    private Path run(String name, Path targets) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, "targets: [" + targets.getFileName() + "]\noutput: " + name + "\nmode: versions-only\n"
                + "profiles: none\nrealStackCheck: false\nscan: {readTimeoutMs: 10000, perHost: 64, concurrency: 128}\n");
        return config;
    }

    /** The run directory of the config's (only) run. */
    private static Path runDir(Path config) throws IOException {
        Path runs = config.resolveSibling(config.getFileName().toString().replace(".yaml", "")).resolve("runs");
        if (!Files.isDirectory(runs)) {
            return runs.resolve("none");
        }
        try (var list = Files.list(runs)) {
            return list.findFirst().orElse(runs.resolve("none"));
        }
    }

    private static int lines(Path config) throws IOException {
        Path results = runDir(config).resolve("results.jsonl");
        if (!Files.exists(results)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(results);
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static List<JsonNode> results(Path config) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir(config).resolve("results.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static List<String> keys(List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("origin").asText() + " " + l.get("target").asText() + " "
                + l.get("sni").asText()).toList();
    }

    /**
     * The reports without what differs between any two runs (times, latency, run info): every result line
     * without elapsedMs, the sorted CSV rows without their elapsedMs column, and summary.json without its run, latency
     * and summed time.
     */
    private static List<Object> comparable(Path config) throws IOException {
        Path run = runDir(config);
        Set<String> lines = new TreeSet<>();
        for (JsonNode n : results(config)) {
            ((ObjectNode) n).remove("elapsedMs");
            lines.add(n.toString());
        }
        Set<String> endpoints = new TreeSet<>();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(run.resolve("endpoints.csv").toFile())) {
            for (Map<String, String> row : rows.readAll()) {
                row.remove("elapsedMs");
                endpoints.add(row.toString());
            }
        }
        Set<String> suites = new TreeSet<>(Files.readAllLines(run.resolve("suites.csv")));
        ObjectNode summary = (ObjectNode) JSON.readTree(run.resolve("summary.json").toFile());
        summary.remove(List.of("run", "latency"));
        ((ObjectNode) summary.get("totals")).remove("elapsedMs");
        return List.of(lines, endpoints, suites, summary);
    }
}
