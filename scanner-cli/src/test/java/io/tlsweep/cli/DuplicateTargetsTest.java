package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 8: {@code 127.2.0.1:1} listed 41 times, and addresses both in a CIDR range and alone, were
 * scanned each time. Each endpoint is scanned once per run and the duplicates dropped are reported.
 */
class DuplicateTargetsTest {
    @TempDir
    Path dir;

    @Test
    void fortyOneCopiesAndACidrOverlapAreScannedOnceAndTheDroppedAreCounted() throws Exception {
        StringBuilder input = new StringBuilder("# the same endpoint 41 times\n");
        input.append("127.2.0.1:1\n".repeat(41)).append("127.2.0.0/30:1\n127.2.0.2:1\n");
        Path targets = Files.writeString(dir.resolve("targets.txt"), input);
        Path out = dir.resolve("out");

        CliRun r = CliRun.tlsweep("scan", "--no-profiles", "--read-timeout", "2000", "-iL", targets.toString(), "-o",
                out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("tlsweep: 4 target(s) in").contains(", 8 connection(s),")
                .contains(", 42 duplicate(s) dropped;");
        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertThat(lines).hasSize(4);
        assertThat(lines).extracting(l -> new ObjectMapper().readTree(l).get("target").asText())
                .containsExactlyInAnyOrder("127.2.0.0:1", "127.2.0.1:1", "127.2.0.2:1", "127.2.0.3:1");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/totals/endpoints").asLong()).isEqualTo(4);
        assertThat(summary.at("/totals/connections").asLong()).as("2 per closed endpoint, each once").isEqualTo(8);
        assertThat(summary.at("/input/duplicatesDropped").asLong()).isEqualTo(42);
        assertThat(Files.readString(out.resolve("report.html"))).contains("42 target(s) of the input named an"
                + " endpoint already listed");
    }

    @Test
    void theSameAddressOnAnotherPortOrWithAnotherSniIsNotADuplicate() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.tlsweep("scan", "--no-profiles", "--read-timeout", "2000", "-o", out.toString(),
                "127.2.0.1:1", "127.2.0.1:2", "127.2.0.1:1 sni=a.tlsweep.test", "127.2.0.1:1 sni=A.tlsweep.test.");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(3);
        assertThat(r.err()).contains(", 1 duplicate(s) dropped;");
    }
}
