package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.run.MergeMarker;
import io.tlsweep.run.ShardMarker;
import io.tlsweep.testing.PlantedJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsweep merge} on hand-made output directories: order, overlaps, truncated lines, --expect, races. */
class MergeCommandTest {
    @TempDir
    Path dir;



    /** A result line as a scan writes it for an unreachable endpoint. */
    private static String line(String host, int port, String origin) {
        return "{\"schema\":\"tlsweep/1\",\"target\":\"" + host + ":" + port + "\",\"origin\":\"" + origin
                + "\",\"host\":\"" + host + "\",\"address\":\"" + host + "\",\"port\":" + port
                + ",\"status\":\"unreachable\",\"verdict\":\"unreachable\",\"reason\":\"connect-refused: refused\","
                + "\"findings\":[],\"failure\":{\"kind\":\"connect-refused\",\"detail\":\"refused\"},"
                + "\"protocols\":[],\"refusals\":{},\"groups\":[],\"certificates\":[],\"notes\":[],"
                + "\"connections\":1,\"elapsedMs\":3}";
    }

    private Path output(String name, String results) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        Files.writeString(out.resolve("results.jsonl"), results);
        return out;
    }

    private Path shard(int index, int count, boolean complete, String... lines) throws IOException {
        Path out = output("shard-" + index, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
        new ShardMarker(index, count, complete, lines.length, "2026-01-01T00:00:00Z").write(out);
        return out;
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void linesComeOutSortedByTargetPortSniAndOriginWithTheReports() throws IOException {
        Path a = output("a", line("127.0.0.2", 443, "a:1") + "\n" + line("127.0.0.1", 8443, "a:2") + "\n");
        Path b = output("b", line("127.0.0.1", 443, "b:1") + "\n" + line("127.0.0.3", 443, "b:2") + "\n");
        Path out = dir.resolve("merged");

        CliRun r = CliRun.tlsweep("merge", "-o", out.toString(), a.toString(), b.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).containsExactly(line("127.0.0.1", 443, "b:1"),
                line("127.0.0.1", 8443, "a:2"), line("127.0.0.2", 443, "a:1"), line("127.0.0.3", 443, "b:2"));
        for (String file : List.of("summary.json", "endpoints.csv", "suites.csv", "report.html", "merge.json")) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        assertThat(r.out()).contains("totals: unreachable 4 (4 endpoints)");
        assertThat(new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("run").path("commandLine")
                .asText()).startsWith("tlsweep merge");
        assertThat(entries()).as("no temporary directory left").containsExactly("a", "b", "merged");
    }

    @Test
    void aNightlyMergeIsComparedWithTheNewestEarlierMerge() throws IOException {
        Path root = dir.resolve("runs");
        Path night1 = output("night1", line("127.0.0.1", 443, "t:1") + "\n" + line("127.0.0.2", 443, "t:2") + "\n");
        assertThat(CliRun.tlsweep("merge", "-q", "--baseline-from", root.toString(), "-o",
                root.resolve("job-1/merged").toString(), night1.toString()).exit()).isZero();
        assertThat(root.resolve("job-1/merged/drift.json")).doesNotExist();
        Path night2 = output("night2", line("127.0.0.1", 443, "t:1") + "\n" + line("127.0.0.3", 443, "t:3") + "\n");
        CliRun r = CliRun.tlsweep("merge", "-q", "--baseline-from", root.toString(), "-o", root.resolve("job-2/merged").toString(),
                night2.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode drift = new ObjectMapper().readTree(root.resolve("job-2/merged/drift.json").toFile());
        assertThat(drift.path("counts").path("appeared").asLong()).isEqualTo(1);
        assertThat(drift.path("counts").path("disappeared").asLong()).isEqualTo(1);
        assertThat(drift.path("baseline").asText()).endsWith("job-1" + java.io.File.separator + "merged");
        assertThat(Files.readString(root.resolve("job-2/merged/tlsweep.prom")))
                .contains("tlsweep_drift{class=\"appeared\"} 1.0").contains("tlsweep_run_info{run=\"job-2\"");
        assertThat(Files.readString(root.resolve("job-2/merged/report.html"))).contains("drift-count-appeared");
    }

    @Test
    void anEndpointInTwoShardsIsAnErrorNamingItAndNothingIsWritten() throws IOException {
        Path a = output("a", line("127.0.0.1", 443, "a:1") + "\n" + line("127.0.0.9", 443, "a:2") + "\n");
        Path b = output("b", line("127.0.0.2", 443, "b:1") + "\n" + line("127.0.0.9", 443, "b:2") + "\n");
        Path out = dir.resolve("merged");

        CliRun r = CliRun.tlsweep("merge", "-o", out.toString(), a.toString(), b.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("127.0.0.9:443 is in both " + a.resolve("results.jsonl") + " and "
                + b.resolve("results.jsonl")).contains("disjoint").doesNotContain("127.0.0.1:443");
        assertThat(out).doesNotExist();
        assertThat(entries()).containsExactly("a", "b");
    }

    @Test
    void theSameEndpointTwiceInOneOutputIsNotAnOverlapAndItsLastLineIsKept() throws IOException {
        // a journal from before scans were de-duplicated may hold two lines for one endpoint: the merge keeps one
        Path a = output("a", line("127.0.0.1", 443, "a:1") + "\n" + line("127.0.0.1", 443, "a:7") + "\n");
        Path out = dir.resolve("merged");
        CliRun r = CliRun.tlsweep("merge", "-o", out.toString(), a.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).containsExactly(line("127.0.0.1", 443, "a:7"));
        assertThat(r.err()).contains("merged 1 target(s)").contains("1 line(s) replaced by a later line of the same"
                + " endpoint");
        assertThat(r.out()).contains("(1 endpoints)");
    }

    @Test
    @PlantedJson("results.jsonl") // a shard line cut short on purpose
    void aTruncatedLastLineIsReportedWithFileAndLineAndLeftOut() throws IOException {
        String full = line("127.0.0.3", 443, "a:2");
        Path a = output("a", line("127.0.0.1", 443, "a:1") + "\n\n" + full.substring(0, full.length() / 2));
        Path b = output("b", line("127.0.0.2", 443, "b:1") + "\n");
        Path out = dir.resolve("merged");

        CliRun r = CliRun.tlsweep("merge", "-o", out.toString(), a.toString(), b.toString());

        assertThat(r.exit()).as("an input error, the rest merged").isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(a.resolve("results.jsonl") + ":3: truncated last line").contains("1 line(s) left out");
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).containsExactly(line("127.0.0.1", 443, "a:1"),
                line("127.0.0.2", 443, "b:1"));
    }

    @Test
    @PlantedJson("results.jsonl") // a shard line broken on purpose
    void aBadLineInTheMiddleIsReportedAndLeftOut() throws IOException {
        Path a = output("a", line("127.0.0.1", 443, "a:1") + "\n{\"schema\":\"other/9\"}\nnot json\n"
                + line("127.0.0.2", 443, "a:4") + "\n");
        Path out = dir.resolve("merged");
        CliRun r = CliRun.tlsweep("merge", "-o", out.toString(), a.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("results.jsonl:2: schema 'other/9'").contains("results.jsonl:3: not a result line");
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(2);
    }

    @Test
    void expectWaitsForAMissingShardAndWritesNothing() throws IOException {
        List<String> dirs = new ArrayList<>();
        dirs.add(shard(0, 4, true, line("127.0.0.1", 443, "t:1")).toString());
        dirs.add(shard(1, 4, true, line("127.0.0.2", 443, "t:2")).toString());
        dirs.add(shard(3, 4, true).toString());
        dirs.add(shard(2, 4, false, line("127.0.0.3", 443, "t:3")).toString()); // still scanning
        dirs.add(dir.resolve("shard-9").toString()); // an unmatched glob, say
        Path out = dir.resolve("merged");
        List<String> args = new ArrayList<>(List.of("merge", "--expect", "4", "-o", out.toString()));
        args.addAll(dirs);

        CliRun r = CliRun.tlsweep(args.toArray(String[]::new));

        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("waiting for shards: 3 of 4 complete (missing: 2)");
        assertThat(out).doesNotExist();
        assertThat(entries()).doesNotContain("merged").allMatch(name -> name.startsWith("shard-"));

        shard(2, 4, true, line("127.0.0.3", 443, "t:3"));
        CliRun done = CliRun.tlsweep(args.toArray(String[]::new));
        assertThat(done.exit()).as(done.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(3);
        assertThat(new ObjectMapper().readTree(out.resolve("merge.json").toFile()).path("shards").asInt()).isEqualTo(4);

        CliRun again = CliRun.tlsweep(args.toArray(String[]::new));
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains(out + " is already merged");
    }

    @Test
    void mergesRunningAtOnceLeaveOneCompleteOutputAndNoTemporaryDirectory() throws Exception {
        List<String> args = new ArrayList<>(List.of("merge", "-q", "--expect", "2", "-o",
                dir.resolve("merged").toString()));
        for (int i = 0; i < 2; i++) {
            List<String> lines = new ArrayList<>();
            for (int j = 0; j < 2000; j++) {
                lines.add(line("127.0." + i + "." + (j % 250), 1000 + j, "t:" + j));
            }
            args.add(shard(i, 2, true, lines.toArray(String[]::new)).toString());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<CliRun>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> CliRun.tlsweep(args.toArray(String[]::new))));
            }
            for (java.util.concurrent.Future<CliRun> run : runs) {
                CliRun r = run.get(2, java.util.concurrent.TimeUnit.MINUTES);
                assertThat(r.exit()).as(r.err()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(MergeMarker.isComplete(dir.resolve("merged"))).isTrue();
        assertThat(Files.readAllLines(dir.resolve("merged/results.jsonl"))).hasSize(4000);
        assertThat(entries()).containsExactly("merged", "shard-0", "shard-1");
    }

    @Test
    void expectRefusesAShardTwiceOrOfAnotherCount() throws IOException {
        Path zero = shard(0, 4, true, line("127.0.0.1", 443, "t:1"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("results.jsonl"), "");
        new ShardMarker(0, 4, true, 0, "2026-01-01T00:00:00Z").write(other);
        Path eight = Files.createDirectories(dir.resolve("eight"));
        new ShardMarker(5, 8, true, 0, "2026-01-01T00:00:00Z").write(eight);
        Path out = dir.resolve("merged");

        CliRun twice = CliRun.tlsweep("merge", "--expect", "4", "-o", out.toString(), zero.toString(), other.toString());
        assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("shard 0 is both " + zero + " and " + other);

        CliRun count = CliRun.tlsweep("merge", "--expect", "4", "-o", out.toString(), zero.toString(), eight.toString());
        assertThat(count.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(count.err()).contains(eight + " is shard 5 of 8, not one of --expect 4");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputThatIsNotAMergeIsNotOverwritten() throws IOException {
        Path a = output("a", line("127.0.0.1", 443, "a:1") + "\n");
        CliRun r = CliRun.tlsweep("merge", "-o", a.toString(), a.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(a + " exists and is not a merged run");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun intoEmpty = CliRun.tlsweep("merge", "-q", "-o", empty.toString(), a.toString());
        assertThat(intoEmpty.exit()).as(intoEmpty.err()).isZero();
        assertThat(empty.resolve("results.jsonl")).hasContent(line("127.0.0.1", 443, "a:1"));
    }

    @Test
    void aDirectoryWithoutResultsIsAUsageError() {
        CliRun r = CliRun.tlsweep("merge", "-o", dir.resolve("merged").toString(), dir.resolve("nothing").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no results.jsonl in " + dir.resolve("nothing"));
    }
}
