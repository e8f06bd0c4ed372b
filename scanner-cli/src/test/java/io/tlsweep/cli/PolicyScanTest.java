package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --policy} on a scan of farm targets: a TLS 1.3-only server compliant with Mozilla intermediate and PCI DSS,
 * a TLS 1.0-1.2 server compliant with neither, and a closed port. Each report says the same: the line, the CSV
 * columns, the HTML section with the failed rules and their sources, the table's count lines and summary.json; and
 * {@code --fail-on policy} makes the exit code.
 */
class PolicyScanTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(DefaultProfiles.mixed(),
            DefaultProfiles.postQuantumTls13()));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyReportSaysWhichEndpointBreaksWhichRuleAndFailOnPolicyExitsOne(TargetFarm farm) throws IOException {
        String mixed = farm.target("mixed-tls10-12").hostPort();
        String tls13 = farm.target("pq-hybrid-tls13").hostPort();
        String closed = "127.0.0.1:" + closedPort();
        CliRun r = CliRun.tlsweep("scan", "--read-timeout", "3000", "-o", dir.toString(), "--policy",
                "mozilla-intermediate,pci-dss-4", "--fail-on", "policy", mixed, tls13, closed);
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.POLICY);

        Map<String, JsonNode> lines = lines(dir);
        JsonNode broken = policies(lines.get(mixed));
        assertThat(broken.get(0).get("policy").asText()).isEqualTo("mozilla-intermediate");
        assertThat(broken.get(0).get("verdict").asText()).isEqualTo("not-compliant");
        JsonNode versions = rule(broken.get(0), "versions");
        assertThat(reasons(broken.get(0), "versions")).contains("accepts TLSv1.0").contains("accepts TLSv1.1");
        assertThat(versions.get("source").get("document").asText()).contains("Mozilla");
        assertThat(versions.get("source").get("url").asText()).startsWith("https://");
        assertThat(broken.get(1).get("policy").asText()).isEqualTo("pci-dss-4");
        assertThat(broken.get(1).get("verdict").asText()).isEqualTo("not-compliant");
        assertThat(reasons(broken.get(1), "no-ssl-early-tls")).contains("accepts TLSv1.0");
        assertThat(reasons(broken.get(1), "no-tls11")).contains("accepts TLSv1.1");
        JsonNode fine = policies(lines.get(tls13));
        assertThat(fine.findValuesAsText("verdict")).containsExactly("compliant", "compliant");
        assertThat(fine.get(0).has("failed")).isFalse();
        JsonNode shortLine = lines.get(closed);
        assertThat(shortLine.get("failure").isTextual()).as("still the short line").isTrue();
        assertThat(shortLine.has("policies")).isFalse();

        List<String> csv = Files.readAllLines(dir.resolve("endpoints.csv"));
        List<String> header = cells(csv.get(0));
        int intermediate = header.indexOf("policy:mozilla-intermediate");
        int pci = header.indexOf("policy:pci-dss-4");
        int failed = header.indexOf("policyFailed");
        assertThat(List.of(intermediate, pci, failed)).as(csv.get(0)).doesNotContain(-1);
        Map<String, List<String>> rows = new HashMap<>();
        csv.stream().skip(1).map(PolicyScanTest::cells).forEach(row -> rows.put(row.get(0), row));
        assertThat(rows.get(mixed).get(intermediate)).isEqualTo("not-compliant");
        assertThat(rows.get(mixed).get(pci)).isEqualTo("not-compliant");
        assertThat(rows.get(mixed).get(failed)).contains("mozilla-intermediate/versions")
                .contains("pci-dss-4/no-ssl-early-tls").contains("pci-dss-4/no-tls11");
        assertThat(rows.get(tls13).subList(intermediate, failed + 1)).containsExactly("compliant", "compliant", "");
        assertThat(rows.get(closed).subList(intermediate, failed + 1)).containsExactly("", "", "");

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<h2>Policies</h2>")
                .contains("id=\"policy-compliant-mozilla-intermediate\">1<")
                .contains("id=\"policy-not-compliant-mozilla-intermediate\">1<")
                .contains("id=\"policy-not-applicable-pci-dss-4\">1<");
        String failures = html.substring(html.indexOf("id=\"policy-failures\""));
        failures = failures.substring(0, failures.indexOf("</table>"));
        assertThat(failures).contains(mixed).contains("accepts TLSv1.1").contains("<a href=\"https://")
                .doesNotContain(tls13);

        assertThat(r.out()).contains("policy mozilla-intermediate: 1 compliant, 1 not compliant, 1 not applicable")
                .contains("policy pci-dss-4: 1 compliant, 1 not compliant, 1 not applicable");
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile()).get("policies");
        assertThat(summary.get("pci-dss-4").get("compliant").asLong()).isEqualTo(1);
        assertThat(summary.get("pci-dss-4").get("not-compliant").asLong()).isEqualTo(1);
        assertThat(summary.get("pci-dss-4").get("not-applicable").asLong()).isEqualTo(1);

        CliRun report = CliRun.tlsweep("report", dir.toString());
        assertThat(report.exit()).as(report.err()).isEqualTo(ExitCodes.OK);
        assertThat(section(Files.readString(dir.resolve("report.html")))).as("rebuilt from the lines")
                .isEqualTo(section(html)).contains("id=\"policy-failures\"");
    }

    @Test
    void aUsersPolicyFileJudgesAndAnEndpointCompliantWithEveryPolicyPassesFailOnPolicy(TargetFarm farm)
            throws IOException {
        Path file = dir.resolve("house.json");
        Files.writeString(file, """
                {"schema": "tlsweep-policy/1", "id": "house-rules", "name": "Our house rules",
                 "sources": {"wiki": {"title": "Team wiki, TLS page", "url": "https://wiki.example/tls"}},
                 "rules": [{"id": "no-tls12", "description": "TLS 1.2 is not accepted.",
                            "source": {"document": "wiki", "section": "Versions"},
                            "test": "versions.forbidden", "value": ["TLSv1.2"]}]}
                """);
        Path out = dir.resolve("out");
        CliRun r = CliRun.tlsweep("scan", "--read-timeout", "3000", "-o", out.toString(), "--policy",
                "pci-dss-4," + file, "--fail-on", "policy", farm.target("pq-hybrid-tls13").hostPort());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(policies(lines(out).values().iterator().next()).findValuesAsText("verdict"))
                .containsExactly("compliant", "compliant");
        assertThat(r.out()).contains("policy house-rules: 1 compliant");

        Path out2 = dir.resolve("out2");
        CliRun m = CliRun.tlsweep("scan", "--read-timeout", "3000", "-o", out2.toString(), "--policy",
                file.toString(), "--fail-on", "policy", farm.target("mixed-tls10-12").hostPort());
        assertThat(m.exit()).as(m.err()).isEqualTo(ExitCodes.POLICY);
        JsonNode house = policies(lines(out2).values().iterator().next()).get(0);
        assertThat(house.get("policy").asText()).isEqualTo("house-rules");
        assertThat(reasons(house, "no-tls12")).contains("accepts TLSv1.2");
        assertThat(rule(house, "no-tls12").get("source").get("document").asText()).isEqualTo("Team wiki, TLS page");
        assertThat(Files.readString(out2.resolve("report.html"))).contains("<a href=\"https://wiki.example/tls\">");
    }

    @Test
    void aSweepJudgesThePoliciesOfItsFileOrOfPolicyAndFailsOnThem(TargetFarm farm) throws IOException {
        Files.writeString(dir.resolve("targets.txt"), farm.target("mixed-tls10-12").hostPort() + "\n");
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/house.json"), """
                {"schema": "tlsweep-policy/1", "id": "house-rules", "name": "Our house rules",
                 "sources": {"wiki": {"title": "Team wiki"}},
                 "rules": [{"id": "tls12", "description": "TLS 1.2 is accepted.",
                            "source": {"document": "wiki", "section": "Versions"},
                            "test": "versions.required", "value": ["TLSv1.2"]}]}
                """);
        Path config = dir.resolve("sweep.yaml");
        String common = "targets: [targets.txt]\noutput: out\nprofiles: none\nrealStackCheck: false\n"
                + "scan: {readTimeoutMs: 3000}\nfailOn: [policy]\n";
        Files.writeString(config, common + "policy: [pci-dss-4, policies/house.json]\n");
        CliRun first = CliRun.tlsweep("sweep", "--config", config.toString(), "-q");
        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.POLICY);
        JsonNode judged = policies(lines(latestRun()).values().iterator().next());
        assertThat(judged.findValuesAsText("policy")).containsExactly("pci-dss-4", "house-rules");
        assertThat(judged.findValuesAsText("verdict")).containsExactly("not-compliant", "compliant");

        CliRun second = CliRun.tlsweep("sweep", "--config", config.toString(), "-q", "--policy",
                dir.resolve("policies/house.json").toString());
        assertThat(second.exit()).as("--policy overrides the file's: " + second.err()).isEqualTo(ExitCodes.OK);
        assertThat(policies(lines(latestRun()).values().iterator().next()).findValuesAsText("policy"))
                .containsExactly("house-rules");

        Files.writeString(config, common + "policy: [pci-dss-4, policies/missing.json]\n");
        CliRun bad = CliRun.tlsweep("sweep", "--config", config.toString(), "-q");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("sweep.yaml: policy: ").contains("is neither a built-in policy");
    }

    private Path latestRun() throws IOException {
        return dir.resolve("out/runs").resolve(Files.readString(dir.resolve("out/LATEST")).strip());
    }

    @Test
    void aNameThatIsNoPolicyAndABadFileAreUsageErrorsNamingTheOption() throws IOException {
        CliRun unknown = CliRun.tlsweep("scan", "-o", dir.resolve("a").toString(), "--policy", "mozilla-intermediate,"
                + "no-such-policy", "127.0.0.1:1");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("--policy").contains("'no-such-policy' is neither a built-in policy")
                .contains("pci-dss-4");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schema\": \"tlsweep-policy/1\", \"id\": \"x\", \"name\": \"X\", \"sources\": {},"
                + " \"rules\": [{\"id\": \"r\", \"description\": \"d\", \"test\": \"versions.forbidden\","
                + " \"value\": [\"TLSv1.0\"]}]}");
        CliRun badFile = CliRun.tlsweep("demo", "-o", dir.resolve("b").toString(), "--policy", bad.toString());
        assertThat(badFile.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFile.err()).contains("--policy").contains("rule 'r': source: missing");
        CliRun twice = CliRun.tlsweep("scan", "-o", dir.resolve("c").toString(), "--policy", "pci-dss-4,pci-dss-4",
                "127.0.0.1:1");
        assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("--policy: policy 'pci-dss-4' given twice");
        assertThat(Files.exists(dir.resolve("a"))).as("nothing scanned").isFalse();
    }

    private static JsonNode policies(JsonNode line) {
        assertThat(line.has("policies")).as(line.toString()).isTrue();
        return line.get("policies");
    }

    private static JsonNode rule(JsonNode policy, String id) {
        for (JsonNode f : policy.get("failed")) {
            if (f.get("rule").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("rule " + id + " did not fail: " + policy);
    }

    private static String section(String html) {
        int start = html.indexOf("<section id=\"policies-section\">");
        assertThat(start).as("a Policies section").isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    /** Every reason the failed rule {@code id} gives (one per thing seen). */
    private static List<String> reasons(JsonNode policy, String id) {
        rule(policy, id);
        List<String> all = new java.util.ArrayList<>();
        policy.get("failed").forEach(f -> {
            if (f.get("rule").asText().equals(id)) {
                all.add(f.get("reason").asText());
            }
        });
        return all;
    }

    /** The cells of one CSV row: quoted cells may hold commas, a doubled quote is one quote. */
    private static List<String> cells(String row) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static Map<String, JsonNode> lines(Path out) throws IOException {
        Map<String, JsonNode> byTarget = new HashMap<>();
        for (String l : Files.readAllLines(out.resolve("results.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            byTarget.put(n.get("target").asText(), n);
        }
        return byTarget;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
