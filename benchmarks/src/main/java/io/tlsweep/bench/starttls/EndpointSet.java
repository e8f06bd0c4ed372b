package io.tlsweep.bench.starttls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.input.DistinctTargets;
import io.tlsweep.input.TargetSource;
import io.tlsweep.run.RunConfig;
import io.tlsweep.run.RunOutcome;
import io.tlsweep.run.RunStop;
import io.tlsweep.run.ScanRun;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One set of endpoints of the benchmark, all served by one farm: the target lines a user would give
 * {@code tlsweep scan}, and the names of the farm targets behind them, whose accepts are counted.
 *
 * @param label what the set is, in the output
 * @param preludeProtocol the protocol every line of the set says before TLS, {@code none} for direct TLS
 */
record EndpointSet(String label, String preludeProtocol, List<FarmTarget> targets) {

    EndpointSet {
        targets = List.copyOf(targets);
    }

    /** One scan of the set: what it took and what the servers saw. */
    record Round(double seconds, long accepted, long engineConnections, long scannerCpuNanos, long farmCpuNanos,
            long linesOk, long profiles, List<String> problems) {
    }

    /** {@code 127.0.0.1:PORT starttls=PROTO}, one per endpoint. */
    List<String> lines() {
        return targets.stream().map(t -> t.hostPort() + " starttls=" + preludeProtocol).toList();
    }

    /**
     * Scans the set as {@code tlsweep scan -o dir} does (input, distinct targets, {@link ScanRun}: the scan, the
     * real-stack check, each line to results.jsonl), stopped after {@code limitSeconds}, and checks every line.
     */
    Round scan(RunConfig config, TargetFarm farm, int limitSeconds) throws IOException {
        List<String> inputErrors = new ArrayList<>();
        RunStop stop = new RunStop();
        ScheduledExecutorService limit = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-scan-limit");
            t.setDaemon(true);
            return t;
        });
        long acceptedBefore = accepted(farm);
        CpuSample cpuBefore = CpuSample.now();
        long started = System.nanoTime();
        RunOutcome outcome;
        try (TargetSource input = TargetSource.builder(List.of(443)).arguments(lines())
                .startTls(config.preludes().startTls()).onError(e -> inputErrors.add(e.toString())).build()) {
            limit.schedule(() -> stop.stop(new RunStop.Interrupted()), limitSeconds, TimeUnit.SECONDS);
            outcome = ScanRun.run(new DistinctTargets(input), config, () -> { }, stop);
        } finally {
            limit.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        CpuSample cpuAfter = CpuSample.now();
        long accepted = settledAccepts(farm) - acceptedBefore;
        List<String> problems = new ArrayList<>(inputErrors);
        outcome.stopped().ifPresent(r -> problems.add("scan stopped after " + limitSeconds + " s: " + r.describe()));
        Lines lines = checkLines(config.outputDir().resolve(ScanRun.RESULTS), problems);
        return new Round(seconds, accepted, outcome.connections(), cpuAfter.scannerSince(cpuBefore),
                cpuAfter.farmSince(cpuBefore), lines.ok(), lines.profiles(), problems);
    }

    private long accepted(TargetFarm farm) {
        return targets.stream().mapToLong(t -> farm.acceptedConnections(t.name())).sum();
    }

    /**
     * The accepts once they stop changing: every connection of the scan was answered, so each was accepted before
     * the scan ended; this only waits out an event loop still initialising one (at most ten looks, 50 ms apart).
     */
    private long settledAccepts(TargetFarm farm) {
        long last = accepted(farm);
        for (int look = 0; look < 10; look++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            long now = accepted(farm);
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** What the lines of one scan say: how many are as the farm serves, and their client profiles in all. */
    private record Lines(long ok, long profiles) {
    }

    /**
     * The lines with status ok and the set's prelude (or none), and the client profiles of all lines; what is wrong
     * with the other lines goes to problems.
     */
    private Lines checkLines(Path results, List<String> problems) throws IOException {
        ObjectMapper json = new ObjectMapper();
        long ok = 0;
        long lines = 0;
        long profiles = 0;
        try (BufferedReader in = Files.newBufferedReader(results)) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                lines++;
                JsonNode line = json.readTree(text);
                profiles += line.path("profiles").size();
                String status = line.path("status").asText();
                String prelude = line.path("prelude").path("protocol").asText("none");
                if (status.equals("ok") && prelude.equals(preludeProtocol)) {
                    ok++;
                } else if (problems.size() < 5) {
                    // a short line (nothing answered) has no reason: its failure kind says it
                    problems.add(line.path("target").asText() + ": status " + status + ", prelude " + prelude
                            + ", reason " + line.path("reason").asText(line.path("failure").asText()));
                }
            }
        }
        if (lines != targets.size()) {
            problems.add(lines + " lines for " + targets.size() + " endpoints");
        }
        return new Lines(ok, profiles);
    }
}
