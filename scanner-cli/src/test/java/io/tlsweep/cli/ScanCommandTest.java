package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsweep scan} end to end against a small farm: exit codes, input errors, outputs. */
class ScanCommandTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(DefaultProfiles.legacyTls10(),
            DefaultProfiles.modernTls12And13()));

    @TempDir
    Path dir;



    private static String hostPort(TargetFarm farm, String name) {
        return farm.target(name).hostPort();
    }

    @Test
    void failOnBreaksExitsOneWhenALegacyOnlyEndpointIsFound(TargetFarm farm) {
        CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "2000", "-o", dir.toString(), "--fail-on", "breaks",
                hostPort(farm, "legacy-tls10"), hostPort(farm, "modern-tls12-13"));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.POLICY);
    }

    /** Windows 7's Schannel and .NET 3.5 on it send one hello: one connection answers for both. */
    @Test
    void profilesOnlySendsOneHelloPerDistinctHelloAndSaysWhoConnects(TargetFarm farm) throws IOException {
        CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "2000", "-o", dir.toString(), "--profiles-only",
                "--profile", "win7-schannel,java17,dotnet35-win7,chromium", hostPort(farm, "legacy-tls10"));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        com.fasterxml.jackson.databind.JsonNode line = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readAllLines(dir.resolve("results.jsonl")).get(0));
        assertThat(line.get("connections").asInt()).isEqualTo(3);
        assertThat(line.get("verdict").asText()).isEqualTo("breaks-without-legacy");
        assertThat(line.get("reason").asText()).contains("already unreachable for: Java 17");
        List<String> ids = new ArrayList<>();
        line.get("profiles").forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("win7-schannel", "java17", "dotnet35-win7", "chromium");
        for (String shared : List.of("win7-schannel", "dotnet35-win7")) {
            com.fasterxml.jackson.databind.JsonNode p = line.get("profiles").get(ids.indexOf(shared));
            assertThat(p.get("predicted").get("result").asText()).as(shared).isEqualTo("unknown");
            assertThat(p.get("observed").get("result").asText()).as(shared).isEqualTo("connects");
            assertThat(p.get("observed").get("version").asText()).as(shared).isEqualTo("TLSv1.0");
        }
        com.fasterxml.jackson.databind.JsonNode java17 = line.get("profiles").get(ids.indexOf("java17"));
        assertThat(java17.get("observed").get("result").asText()).isNotEqualTo("connects");
        assertThat(java17.get("message").get("text").asText()).isNotBlank();
    }

    @Test
    void aBadProfileInTheUsersFileIsNamedAndTheScanGoesOn(TargetFarm farm) throws IOException {
        Path profiles = dir.resolve("mine.json");
        Files.writeString(profiles, "{\"schema\": \"tlsweep-profiles/1\", \"sources\": {\"me\": {\"title\":"
                + " \"our own capture\"}}, \"profiles\": [{\"id\": \"legacy-app\", \"name\": \"Our legacy app\","
                + " \"family\": \"java\", \"versions\": {\"value\": [\"TLSv1.0\"], \"sources\": [\"me\"],"
                + " \"confidence\": \"H\"}, \"cipherSuites\": {\"value\": [\"AES128-SHA\", \"RC4-MD5\"],"
                + " \"sources\": [\"me\"], \"confidence\": \"H\"}, \"groups\": {\"value\": [], \"sources\":"
                + " [\"me\"], \"confidence\": \"H\"}, \"sni\": {\"value\": true, \"sources\": [\"me\"],"
                + " \"confidence\": \"H\"}}, {\"id\": \"broken\", \"name\": \"x\", \"family\": \"mainframe\"}]}");
        CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "2000", "-o", dir.resolve("out").toString(), "--profiles",
                profiles.toString(), "--profile", "legacy-app,java17", hostPort(farm, "legacy-tls10"));
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(profiles + ": profile 'broken': family: 'mainframe' is not one of");
        String line = Files.readAllLines(dir.resolve("out/results.jsonl")).get(0);
        assertThat(line).contains("\"id\":\"legacy-app\"").contains("\"agrees\":true");
    }

    @Test
    void anUnknownWhatIfItemOrProfileIsAUsageError(TargetFarm farm) {
        CliRun what = CliRun.tlsweep("scan", "-q", "-o", dir.toString(), "--assume-disabled", "TLSv1.0,TLS9",
                hostPort(farm, "legacy-tls10"));
        assertThat(what.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(what.err()).contains("--assume-disabled: 'TLS9' (item 2 of \"TLSv1.0,TLS9\")")
                .contains("a weakness (null, anon, export, rc4, rc2, des, 3des, md5, cbc)");
        CliRun profile = CliRun.tlsweep("scan", "-q", "-o", dir.toString(), "--profile", "win95", hostPort(farm, "legacy-tls10"));
        assertThat(profile.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(profile.err()).contains("no client profile 'win95'");
    }

    @Test
    void resumeScansOnlyWhatIsMissingAndRepairsACutLine(TargetFarm farm) throws IOException {
        String legacy = hostPort(farm, "legacy-tls10");
        String modern = hostPort(farm, "modern-tls12-13");
        CliRun first = CliRun.tlsweep("scan", "-q", "--no-profiles", "--read-timeout", "2000", "-o", dir.toString(),
                legacy);
        assertThat(first.exit()).as(first.err()).isZero();
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, "{\"schema\":\"tlsweep/1\",\"target\":\"cut", java.nio.file.StandardOpenOption.APPEND);
        CliRun second = CliRun.tlsweep("scan", "--no-profiles", "--read-timeout", "2000", "-o", dir.toString(),
                "--resume", legacy, modern);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).contains("cut off an incomplete last line").contains("1 target(s) already done");
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"target\":\"" + legacy + "\"");
        assertThat(lines.get(1)).contains("\"target\":\"" + modern + "\"");
        assertThat(second.out()).contains("totals: breaks-without-legacy 1, ready 1 (2 endpoints)");
    }

    @Test
    void noConditionMetExitsZero(TargetFarm farm) {
        CliRun r = CliRun.tlsweep("scan", "--read-timeout", "2000", "-o", dir.toString(), "--fail-on", "breaks,legacy,weak",
                hostPort(farm, "modern-tls12-13"));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("ready").contains("totals: ready 1 (1 endpoints)");
    }

    @Test
    void aMalformedLineIsReportedWithItsLineNumberAndTheRestIsScanned(TargetFarm farm) throws IOException {
        Path targets = dir.resolve("targets.txt");
        Files.writeString(targets, "# farm\n" + hostPort(farm, "legacy-tls10") + "\n127.0.0.1:99999\n"
                + hostPort(farm, "modern-tls12-13") + "\n");
        Path out = dir.resolve("out");
        CliRun r = CliRun.tlsweep("scan", "--read-timeout", "2000", "-iL", targets.toString(), "-o", out.toString(),
                "--fail-on", "breaks");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(targets + ":3: ").contains("99999");
        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(String.join("\n", lines)).contains("\"verdict\":\"breaks-without-legacy\"")
                .contains("\"verdict\":\"ready\"");
        assertThat(out.resolve("latency.hlog")).isNotEmptyFile();
        // the reports show the line too: the text after its totals, summary.json, and a section of report.html
        assertThat(r.out()).contains("input errors: 1 ").contains("  " + targets + ":3: ");
        com.fasterxml.jackson.databind.JsonNode input = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("summary.json").toFile()).get("input");
        assertThat(input.get("errors").asLong()).isEqualTo(1);
        assertThat(input.get("firstErrors").get(0).get("origin").asText()).isEqualTo(targets + ":3");
        assertThat(input.get("firstErrors").get(0).get("message").asText()).contains("99999");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<section id=\"input-errors-section\"><h2>Input errors</h2>");
        assertThat(html.substring(html.indexOf("id=\"input-errors\""))).contains(targets + ":3").contains("99999");
        // tlsweep report rebuilds the same from input.json
        CliRun again = CliRun.tlsweep("report", out.toString());
        assertThat(again.out()).as(again.err()).contains("input errors: 1 ");
    }

    @Test
    void anInternalCaGivenWithCaFileMakesItsCertificatesTrusted(TargetFarm farm) throws IOException {
        Path ca = farm.writeCaCertificate(dir.resolve("farm-ca.pem"));
        CliRun without = CliRun.tlsweep("scan", "-q", "--read-timeout", "2000", "-o", dir.resolve("a").toString(),
                hostPort(farm, "modern-tls12-13"));
        CliRun with = CliRun.tlsweep("scan", "-q", "--read-timeout", "2000", "-o", dir.resolve("b").toString(),
                "--ca-file", ca.toString(), hostPort(farm, "modern-tls12-13"));
        assertThat(without.exit()).isZero();
        assertThat(with.exit()).isZero();
        assertThat(Files.readString(dir.resolve("a/results.jsonl"))).contains("\"kind\":\"cert-untrusted\"");
        assertThat(Files.readString(dir.resolve("b/results.jsonl"))).doesNotContain("cert-untrusted")
                .contains("\"validation\":\"trusted");
    }

    @Test
    void everyAcceptedVersionIsConfirmedOnRequest(TargetFarm farm) throws IOException {
        CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "2000", "-o", dir.toString(), "--confirm-each-version",
                hostPort(farm, "modern-tls12-13"));
        assertThat(r.exit()).as(r.err()).isZero();
        String line = Files.readString(dir.resolve("results.jsonl"));
        assertThat(line).contains("\"confirmations\":[{\"outcome\":\"agreed\"")
                .contains("\"negotiatedVersion\":\"TLSv1.2\"").contains("\"negotiatedVersion\":\"TLSv1.3\"")
                .doesNotContain("real-stack-disagrees");
    }

    @Test
    void anUnreadableCaFileIsAUsageError() {
        CliRun r = CliRun.tlsweep("scan", "--ca-file", dir.resolve("missing.pem").toString(), "127.0.0.1:1");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("missing.pem");
    }

    @Test
    void anUnknownConditionIsAUsageError() {
        CliRun r = CliRun.tlsweep("scan", "--fail-on", "everything", "127.0.0.1:1");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown --fail-on condition 'everything'");
    }

    @Test
    void noTargetsIsAUsageError() {
        assertThat(CliRun.tlsweep("scan").exit()).isEqualTo(ExitCodes.USAGE);
    }
}
