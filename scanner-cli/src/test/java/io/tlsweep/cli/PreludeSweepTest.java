package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.targets.TlsVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: an endpoint behind a prelude gets what a direct-TLS endpoint gets from sweeps, re-checks, drift,
 * {@code diff}, shards with {@code merge}, and {@code --resume}. The farm's SMTP relay in front of a real TLS
 * stack, its scripted SQL Server TDS front, and a direct-TLS target; the SMTP port is also listed with
 * {@code starttls=none}, which makes it a second endpoint (TLS from the first byte, found not TLS) that none of
 * them may mix with the SMTP one.
 */
class PreludeSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Closed loopback ports, each saying its protocol: they fill both shards whatever ports the farm got. */
    private static final String CLOSED = "127.84.1.1:25 starttls=smtp\n127.84.1.2:1433 starttls=mssql\n"
            + "127.84.1.3:389 starttls=ldap\n127.84.1.4:25 starttls=smtp\n127.84.1.5:1433 starttls=mssql\n"
            + "127.84.1.6:3389 starttls=rdp\n";

    @TempDir
    Path dir;

    private static TargetFarm farm() {
        return TargetFarm.start(List.<TargetSpec>of(
                PreludeTargetSpec.smtp("smtp-relay", "tlsweep farm relay", serverOrdered()),
                TdsTargetSpec.of("mssql-2012", 11, 0, 2100, TdsTargetSpec.Encryption.OFF,
                        DefaultProfiles.mixed().toBuilder().name("mssql-2012-tls").build()),
                DefaultProfiles.modernTls12And13()));
    }

    private static io.tlsweep.targets.TlsTargetSpec serverOrdered() {
        return DefaultProfiles.serverOrdered().toBuilder().name("smtp-relay-tls").build();
    }

    /** The farm's four endpoints: SMTP, the SMTP port as TLS, SQL Server, direct TLS. */
    private static String targets(TargetFarm farm) {
        String smtp = farm.target("smtp-relay").hostPort();
        return smtp + " starttls=smtp\n" + smtp + " starttls=none\n" + farm.target("mssql-2012").hostPort()
                + " starttls=mssql\n" + farm.target("modern-tls12-13").hostPort() + "\n";
    }

    /** "host:port protocol" of a line, the protocol from its prelude object ("tls" without one). */
    private static String endpoint(JsonNode line) {
        return line.get("host").asText() + ":" + line.get("port").asInt() + " "
                + (line.has("prelude") ? line.get("prelude").get("protocol").asText() : "tls");
    }

    /** A results.jsonl's lines by endpoint; no endpoint twice. */
    private static Map<String, JsonNode> byEndpoint(Path results) throws IOException {
        Map<String, JsonNode> lines = new TreeMap<>();
        for (String l : Files.readAllLines(results)) {
            JsonNode n = JSON.readTree(l);
            assertThat(lines.put(endpoint(n), n)).as("one line per endpoint: " + endpoint(n)).isNull();
        }
        return lines;
    }

    private static Path latestRun(Path dir) throws IOException {
        return dir.resolve("out/runs").resolve(Files.readString(dir.resolve("out/LATEST")).strip());
    }

    /** "class target prelude detail" of each change of a drift.json or diff --json file. */
    private static Set<String> changes(Path driftJson) throws IOException {
        Set<String> found = new TreeSet<>();
        for (JsonNode c : JSON.readTree(driftJson.toFile()).get("changes")) {
            found.add(c.get("class").asText() + " " + c.get("target").asText() + " "
                    + (c.has("prelude") ? c.get("prelude").asText() : "tls") + " " + c.get("detail").asText());
        }
        return found;
    }

    @Test
    void aSweepReChecksThePreludeEndpointsThroughTheirPreludesAndReportsTheSmtpStacksDriftAsSmtps()
            throws IOException {
        try (TargetFarm farm = farm()) {
            Files.writeString(dir.resolve("targets.txt"), targets(farm));
            Path config = dir.resolve("sweep.yaml");
            Files.writeString(config, "targets: [targets.txt]\noutput: out\nprofiles: none\nrealStackCheck: false\n"
                    + "mode: recheck\nrecheckLegacy: false\nscan: {readTimeoutMs: 3000, perHost: 64, rate: 0}\n");
            FarmTarget smtp = farm.target("smtp-relay");
            String smtpEndpoint = smtp.hostPort() + " smtp";

            SweepRecheckTest.sweep(config);
            Path first = latestRun(dir);
            Map<String, JsonNode> baseline = byEndpoint(first.resolve("results.jsonl"));
            assertThat(baseline).containsOnlyKeys(smtpEndpoint, smtp.hostPort() + " tls",
                    farm.target("mssql-2012").hostPort() + " mssql", farm.target("modern-tls12-13").hostPort()
                    + " tls");
            assertThat(baseline.get(smtpEndpoint).get("status").asText()).isEqualTo("ok");
            assertThat(baseline.get(smtp.hostPort() + " tls").get("status").asText()).isEqualTo("not-tls");

            long smtpBefore = farm.acceptedConnections("smtp-relay");
            assertThat(SweepRecheckTest.sweep(config)).isZero();
            Path second = latestRun(dir);
            Map<String, JsonNode> rechecked = byEndpoint(second.resolve("results.jsonl"));
            assertThat(rechecked.keySet()).isEqualTo(baseline.keySet());
            for (Map.Entry<String, JsonNode> e : rechecked.entrySet()) {
                JsonNode before = baseline.get(e.getKey());
                JsonNode now = e.getValue();
                assertThat(now.get("status")).as(e.getKey()).isEqualTo(before.get("status"));
                assertThat(now.get("verdict")).as(e.getKey()).isEqualTo(before.get("verdict"));
                assertThat(now.get("prelude")).as(e.getKey()).isEqualTo(before.get("prelude"));
                if (before.get("status").asText().equals("ok")) {
                    assertThat(now.get("notes").toString()).as(e.getKey()).contains("unchanged");
                    assertThat(now.get("connections").asInt()).as(e.getKey())
                            .isLessThanOrEqualTo(before.get("protocols").size() + 1);
                    assertThat(now.get("protocols")).as(e.getKey()).isEqualTo(before.get("protocols"));
                }
            }
            // the re-check's hellos went through the relay's STARTTLS: TLS from the first byte gets nowhere there
            assertThat(rechecked.get(smtpEndpoint).get("connections").asInt()).isPositive();
            assertThat(farm.acceptedConnections("smtp-relay") - smtpBefore).isGreaterThanOrEqualTo(
                    rechecked.get(smtpEndpoint).get("connections").asLong());
            assertThat(changes(second.resolve("drift.json"))).isEmpty();

            farm.restart("smtp-relay", PreludeTargetSpec.smtp("smtp-relay", "tlsweep farm relay",
                    serverOrdered().toBuilder().addVersion(TlsVersion.TLS1_0)
                            .addCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").build()));
            assertThat(SweepRecheckTest.sweep(config)).isZero();
            Path third = latestRun(dir);
            Map<String, JsonNode> changed = byEndpoint(third.resolve("results.jsonl"));
            assertThat(changed.get(smtpEndpoint).get("notes").toString()).contains("differed");
            assertThat(changed.get(smtpEndpoint).get("protocols").get(0).get("version").asText())
                    .isEqualTo("TLSv1.0");
            assertThat(changed.get(smtpEndpoint).get("prelude")).isEqualTo(baseline.get(smtpEndpoint).get("prelude"));
            Set<String> drift = changes(third.resolve("drift.json"));
            assertThat(drift).as("every change is the SMTP endpoint's, said with its protocol").isNotEmpty()
                    .allMatch(c -> c.split(" ")[1].equals(smtp.hostPort()) && c.split(" ")[2].equals("smtp"))
                    .contains("legacy-enabled " + smtp.hostPort() + " smtp legacy TLSv1.0 enabled");
            assertThat(Files.readString(third.resolve("drift.txt"))).contains(smtp.hostPort() + " (smtp)");

            Path diffJson = dir.resolve("diff.json");
            CliRun diff = CliRun.tlsweep("diff", "-q", "--json", diffJson.toString(), second.toString(),
                    third.toString());
            assertThat(diff.exit()).as(diff.err()).isZero();
            assertThat(changes(diffJson)).isEqualTo(drift);
            CliRun none = CliRun.tlsweep("diff", "-q", "--fail-on", "drift", first.toString(), second.toString());
            assertThat(none.exit()).as("the two endpoints of one port are matched each with its own").isZero();
        }
    }

    private CliRun scan(Path list, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "--no-profiles", "--rate", "0", "--read-timeout",
                "3000", "--connect-timeout", "1000", "-iL", list.toString(), "-o", out.toString()));
        args.addAll(List.of(more));
        return CliRun.tlsweep(args.toArray(String[]::new));
    }

    @Test
    void twoShardsMergedHoldTheEndpointsAndPreludesOfOneUnshardedScan() throws IOException {
        try (TargetFarm farm = farm()) {
            Path list = Files.writeString(dir.resolve("targets.txt"), targets(farm) + CLOSED);
            CliRun whole = scan(list, dir.resolve("whole"));
            CliRun shard0 = scan(list, dir.resolve("shard-0"), "--shard", "0/2");
            CliRun shard1 = scan(list, dir.resolve("shard-1"), "--shard", "1/2");
            assertThat(List.of(whole, shard0, shard1)).allMatch(r -> r.exit() == ExitCodes.OK || r.exit()
                    == ExitCodes.POLICY, "scans ran");
            CliRun merge = CliRun.tlsweep("merge", "-q", "-o", dir.resolve("merged").toString(),
                    dir.resolve("shard-0").toString(), dir.resolve("shard-1").toString());
            assertThat(merge.exit()).as(merge.err()).isZero();

            Map<String, JsonNode> unsharded = byEndpoint(dir.resolve("whole/results.jsonl"));
            Map<String, JsonNode> merged = byEndpoint(dir.resolve("merged/results.jsonl"));
            assertThat(unsharded).hasSize(10);
            assertThat(merged.keySet()).isEqualTo(unsharded.keySet());
            for (Map.Entry<String, JsonNode> e : unsharded.entrySet()) {
                JsonNode m = merged.get(e.getKey());
                assertThat(m.get("prelude")).as(e.getKey()).isEqualTo(e.getValue().get("prelude"));
                assertThat(m.get("status")).as(e.getKey()).isEqualTo(e.getValue().get("status"));
                assertThat(m.get("protocols")).as(e.getKey()).isEqualTo(e.getValue().get("protocols"));
            }
            for (String shard : List.of("shard-0", "shard-1")) {
                assertThat(byEndpoint(dir.resolve(shard).resolve("results.jsonl")).keySet()).as(shard)
                        .anyMatch(k -> !k.endsWith(" tls"));
            }
            String smtp = farm.target("smtp-relay").hostPort();
            assertThat(Files.readString(dir.resolve("merged/endpoints.csv")).lines().filter(r -> r.contains(smtp)))
                    .hasSize(2);
            assertThat(JSON.readTree(dir.resolve("merged/summary.json").toFile()).at("/totals/endpoints").asLong())
                    .isEqualTo(10);
        }
    }

    @Test
    void resumeKeepsThePreludeLinesItHasAndScansOnlyTheEndpointsItLacks() throws IOException {
        try (TargetFarm farm = farm()) {
            Path list = Files.writeString(dir.resolve("targets.txt"), targets(farm));
            Path out = dir.resolve("out");
            assertThat(scan(list, out).exit()).isIn(ExitCodes.OK, ExitCodes.POLICY);
            Path results = out.resolve("results.jsonl");
            Map<String, JsonNode> all = byEndpoint(results);
            assertThat(all).hasSize(4);
            String smtp = farm.target("smtp-relay").hostPort();
            String mssql = farm.target("mssql-2012").hostPort() + " mssql";
            // as if killed with the SMTP and SQL Server endpoints done, the SMTP port as TLS and the direct one not
            List<String> kept = new ArrayList<>();
            for (String l : Files.readAllLines(results)) {
                String e = endpoint(JSON.readTree(l));
                if (e.equals(smtp + " smtp") || e.equals(mssql)) {
                    kept.add(l);
                }
            }
            assertThat(kept).hasSize(2);
            Files.write(results, kept);
            Files.writeString(list, "# the mail and database fronts\n" + Files.readString(list));
            long smtpBefore = farm.acceptedConnections("smtp-relay");
            long mssqlBefore = farm.acceptedConnections("mssql-2012");

            CliRun resumed = scan(list, out, "--resume");

            assertThat(resumed.exit()).as(resumed.err()).isIn(ExitCodes.OK, ExitCodes.POLICY);
            assertThat(resumed.err()).contains("resuming: 2 target(s) already done")
                    .contains("tlsweep: 2 target(s) in");
            assertThat(farm.acceptedConnections("mssql-2012")).as("SQL Server's line kept, not scanned again")
                    .isEqualTo(mssqlBefore);
            assertThat(farm.acceptedConnections("smtp-relay")).as("the SMTP port scanned as TLS, once more")
                    .isGreaterThan(smtpBefore);
            List<String> lines = Files.readAllLines(results);
            assertThat(lines.subList(0, 2)).isEqualTo(kept);
            Map<String, JsonNode> now = byEndpoint(results);
            assertThat(now.keySet()).isEqualTo(all.keySet());
            for (Map.Entry<String, JsonNode> e : now.entrySet()) {
                assertThat(e.getValue().get("prelude")).as(e.getKey()).isEqualTo(all.get(e.getKey()).get("prelude"));
            }
            assertThat(JSON.readTree(out.resolve("summary.json").toFile()).at("/totals/endpoints").asLong())
                    .isEqualTo(4);

            CliRun again = scan(list, out, "--resume");
            assertThat(again.err()).contains("resuming: 4 target(s) already done").contains("tlsweep: 0 target(s) in");
            assertThat(Files.readAllLines(results)).hasSize(4);
        }
    }
}
