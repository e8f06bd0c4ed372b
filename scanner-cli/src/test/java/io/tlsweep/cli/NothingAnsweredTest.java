package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: closed ports made results.jsonl huge and buried the table. Two farm endpoints (legacy-enabled, ready)
 * among six closed loopback ports (127.0.0.78, where nothing listens): the closed ones get short lines, the table
 * lists the answering endpoints most severe first and counts the rest, {@code report --only-answering} leaves them
 * out of the CSV and the page (so does {@code sweep --only-answering}), and {@code diff} and {@code --resume} read
 * the short lines.
 */
class NothingAnsweredTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLOSED = 6;

    @TempDir
    Path dir;

    private CliRun scan(Path targets, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "--no-profiles", "--no-checks", "--read-timeout", "3000",
                "-iL", targets.toString(), "-o", out.toString()));
        args.addAll(List.of(more));
        return CliRun.tlsweep(args.toArray(String[]::new));
    }

    @Test
    void closedPortsAreShortLinesCountedUnderTheTableAndLeftOutOnRequest() throws IOException {
        try (TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.modernTls12And13(),
                DefaultProfiles.mixed()))) {
            String ready = farm.targets().get(0).hostPort();
            String legacy = farm.targets().get(1).hostPort();
            StringBuilder input = new StringBuilder();
            for (int port = 1; port <= CLOSED; port++) {
                input.append("127.0.0.78:").append(port).append('\n');
            }
            input.append(ready).append('\n').append(legacy).append('\n');
            Path targets = Files.writeString(dir.resolve("targets.txt"), input);
            Path out = dir.resolve("out");

            CliRun run = scan(targets, out);

            assertThat(run.exit()).as(run.err()).isZero();
            List<String> lines = Files.readAllLines(out.resolve("results.jsonl"), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(CLOSED + 2);
            List<String> closed = lines.stream().filter(l -> l.contains("127.0.0.78")).toList();
            String origin = targets.toString();
            assertThat(closed).hasSize(CLOSED).allSatisfy(l -> {
                // the origin names the input file (a long temporary path here), the host differs from the target
                // "host:port": the rest stays short
                assertThat(l.getBytes(StandardCharsets.UTF_8).length - origin.length()).isLessThan(160);
                List<String> fields = new ArrayList<>();
                JSON.readTree(l).fieldNames().forEachRemaining(fields::add);
                assertThat(fields).containsExactly("schema", "target", "origin", "host", "port", "status", "failure",
                        "connections");
                assertThat(l).contains("\"failure\":\"connect-refused\"").doesNotContain("10061")
                        .doesNotContain("Windows");
            });
            assertThat(run.out()).doesNotContain("127.0.0.78")
                    .contains("and 6 endpoints where nothing answered (connect-refused 6): --all to list them");
            assertThat(run.out().indexOf(legacy)).as(run.out()).isGreaterThan(0)
                    .isLessThan(run.out().indexOf(ready));
            JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
            assertThat(summary.at("/verdicts/unreachable").asLong()).isEqualTo(CLOSED);
            assertThat(summary.at("/failureKinds/connect-refused/windowsSymptom/code").asText()).isEqualTo("10061");
            assertThat(Files.readString(out.resolve("endpoints.csv"))).contains("127.0.0.78");

            CliRun report = CliRun.tlsweep("report", out.toString(), "--only-answering", "--all");

            assertThat(report.exit()).as(report.err()).isZero();
            assertThat(report.out()).contains("127.0.0.78:1 ").doesNotContain("--all to list them");
            assertThat(Files.readString(out.resolve("endpoints.csv"))).doesNotContain("127.0.0.78").contains(ready);
            assertThat(Files.readString(out.resolve("report.html")))
                    .contains("6 endpoints where nothing answered are left out");
            assertThat(Files.readAllLines(out.resolve("results.jsonl"))).isEqualTo(lines);

            Path again = dir.resolve("again");
            assertThat(scan(targets, again, "-q").exit()).isZero();
            CliRun diff = CliRun.tlsweep("diff", out.toString(), again.toString());
            assertThat(diff.exit()).as(diff.err()).isZero();
            assertThat(diff.err()).isEmpty();
            assertThat(diff.out().strip()).isEqualTo("no changes (8 endpoints before, 8 now)");

            // as if stopped after four closed ports: resume scans the other four endpoints only
            Files.write(again.resolve("results.jsonl"), Files.readAllLines(again.resolve("results.jsonl")).stream()
                    .filter(l -> l.contains("127.0.0.78")).limit(4).toList());
            CliRun resumed = scan(targets, again, "--resume", "--only-answering");
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            assertThat(resumed.err()).contains("resuming: 4 target(s) already done").contains("tlsweep: 4 target(s)");
            assertThat(Files.readAllLines(again.resolve("results.jsonl"))).hasSize(CLOSED + 2);
            assertThat(Files.readString(again.resolve("endpoints.csv"))).doesNotContain("127.0.0.78")
                    .contains(legacy);
        }
    }

    @Test
    void aSweepLeavesThemOutOfItsReportsOnRequestAndKeepsThemInItsJournal() throws IOException {
        try (TargetFarm farm = TargetFarm.start(List.of(DefaultProfiles.modernTls12And13()))) {
            Path config = SweepRecheckTest.config(dir, farm, "");
            Files.writeString(dir.resolve("targets.txt"), "127.0.0.78:7\n127.0.0.78:8\n",
                    java.nio.file.StandardOpenOption.APPEND);

            SweepRecheckTest.sweep(config, "--only-answering");

            Path run = dir.resolve("out/runs").resolve(Files.readString(dir.resolve("out/LATEST")).strip());
            assertThat(Files.readAllLines(run.resolve("results.jsonl")).stream()
                    .filter(l -> l.contains("\"failure\":\"connect-refused\"")).count()).isEqualTo(2);
            assertThat(Files.readString(run.resolve("endpoints.csv"))).doesNotContain("127.0.0.78")
                    .contains(farm.targets().get(0).hostPort());
            assertThat(Files.readString(run.resolve("report.html")))
                    .contains("2 endpoints where nothing answered are left out");
            assertThat(JSON.readTree(run.resolve("summary.json").toFile()).at("/totals/endpoints").asLong())
                    .isEqualTo(3);
        }
    }
}
