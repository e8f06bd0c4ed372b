package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 7: one comment line added at the top of the input made {@code --resume} scan every finished
 * target again (the resume key held the line number), and summary.json counted them twice. Resume keys on the
 * endpoint; reports count an endpoint once. Closed loopback ports: each endpoint costs exactly 2 connections.
 */
class ResumeIdentityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENDPOINTS = 32;

    @TempDir
    Path dir;

    private Path targets() throws IOException {
        return Files.writeString(dir.resolve("targets.txt"), "127.2.1.0/28:1\n127.2.1.0/28:2\n");
    }

    private CliRun scan(Path targets, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "--no-profiles", "--read-timeout", "2000", "-iL",
                targets.toString(), "-o", out.toString()));
        args.addAll(List.of(more));
        return CliRun.tlsweep(args.toArray(String[]::new));
    }

    private static JsonNode summary(Path out) throws IOException {
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    private static long distinctEndpoints(List<String> lines) throws IOException {
        HashSet<String> keys = new HashSet<>();
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            keys.add(n.get("host").asText() + ":" + n.get("port").asInt());
        }
        return keys.size();
    }

    @Test
    void aCommentAddedAtTheTopMakesResumeScanNothingAgain() throws IOException {
        Path targets = targets();
        Path out = dir.resolve("out");
        assertThat(scan(targets, out, "-q").exit()).isZero();
        Path results = out.resolve("results.jsonl");
        List<String> all = Files.readAllLines(results);
        assertThat(all).hasSize(ENDPOINTS);
        // as if killed after 25 results
        Files.write(results, all.subList(0, 25));
        Files.writeString(targets, "# subnets of the lab, added later\n" + Files.readString(targets));

        CliRun resumed = scan(targets, out, "--resume");

        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming: 25 target(s) already done")
                .contains("tlsweep: 7 target(s) in").contains(", 14 connection(s)");
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(ENDPOINTS);
        assertThat(distinctEndpoints(lines)).isEqualTo(ENDPOINTS);
        assertThat(summary(out).at("/totals/endpoints").asLong()).isEqualTo(ENDPOINTS);
        assertThat(summary(out).at("/input/linesSuperseded").asLong()).isZero();

        Files.writeString(targets, "# and another comment\n\n" + Files.readString(targets));
        CliRun again = scan(targets, out, "--resume");
        assertThat(again.err()).contains("resuming: 32 target(s) already done")
                .contains("tlsweep: 0 target(s) in").contains(", 0 connection(s)");
        assertThat(Files.readAllLines(results)).hasSize(ENDPOINTS);
        assertThat(summary(out).at("/totals/endpoints").asLong()).isEqualTo(ENDPOINTS);
    }

    @Test
    void aJournalWrittenBeforeTheFixWithEndpointsTwiceIsCountedOnceLastLineWinning() throws IOException {
        Path targets = targets();
        Path out = dir.resolve("out");
        assertThat(scan(targets, out, "-q").exit()).isZero();
        Path results = out.resolve("results.jsonl");
        List<String> all = Files.readAllLines(results);
        // what the old resume appended: the first five endpoints scanned again, from other lines
        List<String> doubled = new ArrayList<>(all);
        for (String line : all.subList(0, 5)) {
            doubled.add(line.replaceFirst("\"origin\":\"[^\"]*\"", "\"origin\":\"targets.txt:3\"")
                    .replaceFirst("\"elapsedMs\":[0-9]+", "\"elapsedMs\":424242"));
        }
        Files.write(results, doubled);

        CliRun resumed = scan(targets, out, "--resume");

        assertThat(resumed.err()).contains("resuming: 32 target(s) already done").contains("tlsweep: 0 target(s)");
        JsonNode summary = summary(out);
        assertThat(summary.at("/totals/endpoints").asLong()).isEqualTo(ENDPOINTS);
        assertThat(summary.at("/totals/connections").asLong()).isEqualTo(2 * ENDPOINTS);
        assertThat(summary.at("/input/linesSuperseded").asLong()).isEqualTo(5);
        List<String> csv = Files.readAllLines(out.resolve("endpoints.csv"));
        assertThat(csv).hasSize(1 + ENDPOINTS);
        assertThat(csv.stream().filter(r -> r.contains(",targets.txt:3,"))).as("the last line of each wins")
                .hasSize(5);
        assertThat(resumed.out()).contains("(" + ENDPOINTS + " endpoints)");
        assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"count-total\">" + ENDPOINTS + "<");
    }
}
