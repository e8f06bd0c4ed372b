package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 10: any range up to an IPv4 /0 was accepted without a word, and multicast and broadcast addresses
 * were connected to and reported as connect-refused. Now they are reported as excluded with no connection, the
 * user's exclusions apply before any connect, and a run larger than --max-targets is refused unless raised.
 */
class ScopeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> results(Path out) throws IOException {
        return ResultsFile.lines(out.resolve("results.jsonl"));
    }

    /** target to "status connections reason". */
    private static Map<String, String> byTarget(Path out) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonNode n : results(out)) {
            m.put(n.get("target").asText(), n.get("status").asText() + " " + n.get("connections").asInt() + " "
                    + n.get("reason").asText());
        }
        return m;
    }

    private CliRun scan(String... args) {
        List<String> all = new ArrayList<>(List.of("scan", "--no-profiles", "--read-timeout", "2000"));
        all.addAll(List.of(args));
        return CliRun.tlsweep(all.toArray(String[]::new));
    }

    @Test
    void multicastBroadcastAndUnspecifiedAddressesAreReportedExcludedAndNeverConnectedTo() throws IOException {
        Path out = dir.resolve("out");
        CliRun r = scan("-o", out.toString(), "224.0.0.1:443", "255.255.255.255:443", "0.0.0.0:443", "127.2.3.1:1");

        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, String> lines = byTarget(out);
        assertThat(lines).containsEntry("224.0.0.1:443", "excluded 0 not scanned: 224.0.0.1: a multicast address"
                + " (224.0.0.0/4), never connected to");
        assertThat(lines).containsEntry("255.255.255.255:443", "excluded 0 not scanned: 255.255.255.255: the limited"
                + " broadcast address 255.255.255.255, never connected to");
        assertThat(lines.get("0.0.0.0:443")).startsWith("excluded 0 not scanned: 0.0.0.0: an unspecified");
        assertThat(lines.get("127.2.3.1:1")).as("loopback is scanned").startsWith("unreachable 2 connect-refused");
        JsonNode line = results(out).get(0);
        assertThat(line.get("verdict").asText()).isEqualTo("excluded");
        assertThat(line.at("/failure/kind").asText()).isEqualTo("excluded");
        assertThat(line.has("profiles")).isFalse();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/statuses/excluded").asLong()).isEqualTo(3);
        assertThat(summary.at("/verdicts/excluded").asLong()).isEqualTo(3);
        assertThat(summary.at("/verdicts/unreachable").asLong()).as("excluded is not unreachable").isEqualTo(1);
        assertThat(summary.at("/failures/excluded").asLong()).isEqualTo(3);
        assertThat(summary.at("/failures/connect-refused").asLong()).isEqualTo(1);
        assertThat(summary.at("/totals/connections").asLong()).isEqualTo(2);
        assertThat(r.out()).contains("totals: unreachable 1, excluded 3 (4 endpoints)");
        assertThat(r.err()).contains(", 2 connection(s),");
    }

    @Test
    void exclusionsFromTheCommandLineAndAFileApplyBeforeAnyConnectAndNameTheirRule() throws IOException {
        Path excludes = Files.writeString(dir.resolve("excludes.txt"), "# storage network\n127.2.4.8/30\n");
        Path out = dir.resolve("out");
        CliRun r = scan("-o", out.toString(), "--exclude", "127.2.4.0/30,127.2.4.13", "--exclude-file",
                excludes.toString(), "127.2.4.0/28:1");

        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, String> lines = byTarget(out);
        assertThat(lines).hasSize(16);
        assertThat(lines.get("127.2.4.1:1")).isEqualTo("excluded 0 not scanned: 127.2.4.1: excluded by 127.2.4.0/30"
                + " (--exclude)");
        assertThat(lines.get("127.2.4.13:1")).isEqualTo("excluded 0 not scanned: 127.2.4.13: excluded by 127.2.4.13"
                + " (--exclude)");
        assertThat(lines.get("127.2.4.10:1")).isEqualTo("excluded 0 not scanned: 127.2.4.10: excluded by 127.2.4.8/30"
                + " (" + excludes + ":2)");
        assertThat(lines.values().stream().filter(v -> v.startsWith("excluded 0 "))).hasSize(9);
        assertThat(lines.values().stream().filter(v -> v.startsWith("unreachable 2 "))).hasSize(7);
    }

    @Test
    void aBadExclusionStopsTheScanBeforeItStartsNamingFileAndLine() throws IOException {
        Path excludes = Files.writeString(dir.resolve("excludes.txt"), "127.2.4.0/30\n127.2.4.0/33\nprinter.lan\n");
        Path out = dir.resolve("out");
        CliRun r = scan("-o", out.toString(), "--exclude-file", excludes.toString(), "--exclude", "10.0.0.0/8,300.1.1.1",
                "127.2.4.0/30:1");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("tlsweep scan: exclusion --exclude: bad IPv4 address '300.1.1.1'")
                .contains("exclusion " + excludes + ":2: bad prefix '/33'")
                .contains("exclusion " + excludes + ":3: 'printer.lan' is not an IP address or CIDR range")
                .contains("nothing scanned");
        assertThat(out.resolve("results.jsonl")).doesNotExist();
    }

    @Test
    void aRunLargerThanMaxTargetsIsRefusedUntilRaised() throws IOException {
        Path targets = Files.writeString(dir.resolve("targets.txt"), "127.2.7.0/30:1\n127.2.7.0/30:1\n127.2.7.9:1\n");
        Path out = dir.resolve("out");

        CliRun refused = scan("-o", out.toString(), "--max-targets", "4", "-iL", targets.toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("tlsweep scan: the input holds more than 4 distinct endpoints, the most a"
                + " run scans unless told (--max-targets 4); nothing was sent")
                .contains("give --max-targets N with N at least the number of endpoints");
        assertThat(out.resolve("results.jsonl")).doesNotExist();

        CliRun raised = scan("-o", out.toString(), "--max-targets", "5", "-iL", targets.toString());
        assertThat(raised.exit()).as(raised.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).as("duplicates do not count").hasSize(5);
    }

    @Test
    void theDefaultRefusesMoreThan65536WithoutSendingAnything() throws IOException {
        Path out = dir.resolve("out");
        // 131,072 loopback addresses: had the guard failed, the scan would only have met closed loopback ports
        CliRun r = scan("-o", out.toString(), "127.64.0.0/15:1");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("more than 65,536 distinct endpoints").contains("(--max-targets 65536)");
        assertThat(out.resolve("results.jsonl")).doesNotExist();
        assertThat(ScopeOptions.DEFAULT_MAX_TARGETS).isEqualTo(65_536);
    }

    @Test
    void stdinIsScannedUpToTheLimitThenStopsWithAMessage() throws IOException {
        Path out = dir.resolve("out");
        InputStream stdin = System.in;
        CliRun r;
        try {
            System.setIn(new ByteArrayInputStream("127.2.8.1:1\n127.2.8.1:1\n127.2.8.2:1\n127.2.8.3:1\n127.2.8.4:1\n"
                    .getBytes(StandardCharsets.UTF_8)));
            r = scan("-o", out.toString(), "--max-targets", "2", "-iL", "-");
        } finally {
            System.setIn(stdin);
        }
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("tlsweep scan: stopped reading the input at 2 distinct endpoints (--max-targets 2;"
                + " stdin cannot be counted in advance)");
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(2);
    }

    @Test
    void aSweepFileExcludesAndLimitsToo() throws IOException {
        Files.writeString(dir.resolve("targets.txt"), "127.2.9.0/29:1\n");
        Files.writeString(dir.resolve("ex.txt"), "127.2.9.4/31   # two more\n");
        Path config = Files.writeString(dir.resolve("sweep.yaml"), "targets: [targets.txt]\noutput: out\n"
                + "profiles: none\nrealStackCheck: false\nexclude: [127.2.9.0/30]\nexcludeFile: ex.txt\n"
                + "scan: {readTimeoutMs: 2000}\n");

        CliRun r = CliRun.tlsweep("sweep", "-q", "--config", config.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Path run = dir.resolve("out/runs").resolve(Files.readString(dir.resolve("out/LATEST")).strip());
        Map<String, String> lines = byTarget(run);
        assertThat(lines).hasSize(8);
        assertThat(lines.get("127.2.9.2:1")).isEqualTo("excluded 0 not scanned: 127.2.9.2: excluded by 127.2.9.0/30 ("
                + config + ":5: exclude[0])");
        assertThat(lines.get("127.2.9.5:1")).contains("excluded by 127.2.9.4/31 (" + dir.resolve("ex.txt") + ":1)");
        assertThat(lines.values().stream().filter(v -> v.startsWith("excluded 0 "))).hasSize(6);

        Files.writeString(config, Files.readString(config) + "maxTargets: 7\n");
        CliRun refused = CliRun.tlsweep("sweep", "-q", "--config", config.toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("more than 7 distinct endpoints").contains("maxTargets: N in " + config);

        Files.writeString(config, "targets: [targets.txt]\noutput: out\nexclude: [127.2.9.0/40]\n");
        CliRun bad = CliRun.tlsweep("sweep", "-q", "--config", config.toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("exclusion " + config + ":3: exclude[0]: bad prefix '/40'").contains(
                "nothing scanned");
    }
}
