package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TdsTargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep scan} and {@code tlsweep bench} through SMTP's STARTTLS, end to end, against the farm's SMTP
 * server in front of a real TLS stack (tests cannot bind port 25, so the target's line or {@code --starttls} says
 * smtp; {@code auto}'s choice by port is held by the unit tests of the port mapping, and by a scan of 25, 389,
 * 3389 and 1433 on loopback addresses where nothing listens, each line saying what it was to speak): the scan finds exactly what
 * the stack behind serves, with its certificate, the real-stack check agreeing through the prelude, the client
 * profiles, and the line's {@code prelude} object; bad values are line-numbered or usage errors; {@code none}
 * scans the port as TLS from the first byte.
 */
class StarttlsCommandTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.<TargetSpec>of(
            PreludeTargetSpec.smtp("smtp-mixed", "tlsweep farm relay", DefaultProfiles.mixed().toBuilder()
                    .name("smtp-mixed-tls").build()),
            PreludeTargetSpec.smtp("smtp-ordered", "tlsweep farm relay", DefaultProfiles.serverOrdered().toBuilder()
                    .name("smtp-ordered-tls").build()),
            DefaultProfiles.modernTls12And13(),
            TdsTargetSpec.of("mssql-2012", 11, 0, 2100, TdsTargetSpec.Encryption.OFF,
                    DefaultProfiles.mixed().toBuilder().name("mssql-2012-tls").build()),
            TdsTargetSpec.of("mssql-no-tls", 10, 50, 1600, TdsTargetSpec.Encryption.NOT_SUP,
                    DefaultProfiles.mixed().toBuilder().name("mssql-no-tls-tls").build())));

    @TempDir
    Path dir;

    private static Map<String, JsonNode> lines(Path results) throws IOException {
        Map<String, JsonNode> byOrigin = new HashMap<>();
        for (String line : Files.readAllLines(results)) {
            JsonNode n = new ObjectMapper().readTree(line);
            byOrigin.put(n.get("origin").asText(), n);
        }
        return byOrigin;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aLineSayingStarttlsSmtpIsScannedThroughItAndABadValueIsItsLinesError(TargetFarm farm) throws IOException {
        FarmTarget smtp = farm.target("smtp-mixed");
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, smtp.host() + " starttls=smtp\n" + smtp.host() + " starttls=bogus\n"
                + farm.target("modern-tls12-13").hostPort() + "\n");
        Path out = dir.resolve("out");

        CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "3000", "--rate", "0", "-p",
                String.valueOf(smtp.port()), "-o",
                out.toString(), "--client-name", "scanner.test.example", "-iL", hosts.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(hosts + ":2: starttls=bogus: unknown protocol 'bogus' (")
                .contains("none or auto)");
        Map<String, JsonNode> lines = lines(out.resolve("results.jsonl"));
        assertThat(lines).containsOnlyKeys(hosts + ":1", hosts + ":3");
        JsonNode line = lines.get(hosts + ":1");
        assertThat(line.get("status").asText()).isEqualTo("ok");
        ExpectedTls.assertServes(line, smtp.tls());
        assertThat(line.get("confirmation").get("outcome").asText()).isEqualTo("agreed");
        assertThat(line.get("profiles")).isNotEmpty();
        assertThat(line.get("profiles").findValues("observed")).anyMatch(o -> o.get("result").asText()
                .equals("connects"));
        JsonNode prelude = line.get("prelude");
        assertThat(prelude.get("protocol").asText()).isEqualTo("smtp");
        assertThat(prelude.get("banner").asText()).isEqualTo("220-tlsweep farm relay");
        assertThat(prelude.get("starttls-offered").asBoolean()).isTrue();
        assertThat(texts(prelude.get("auth-before-tls"))).containsExactly("PLAIN", "LOGIN");
        assertThat(texts(prelude.get("auth-after-tls"))).as("EHLO again over the real-stack check's TLS")
                .containsExactly("PLAIN", "LOGIN");
        List<String> plainText = new ArrayList<>();
        line.get("findings").forEach(f -> {
            if (f.get("kind").asText().equals("plain-text-auth-before-tls")) {
                plainText.add(f.get("detail").asText());
            }
        });
        assertThat(plainText).as("the relay offers PLAIN and LOGIN before STARTTLS")
                .containsExactly("smtp offers AUTH PLAIN, AUTH LOGIN before TLS");

        JsonNode direct = lines.get(hosts + ":3");
        assertThat(direct.get("status").asText()).isEqualTo("ok");
        assertThat(direct.has("prelude")).isFalse();

        // each endpoint gets the profiles of its service: no HTTP-only client on SMTP, no RDP or SQL client on either
        List<String> smtpProfiles = new ArrayList<>();
        line.get("profiles").forEach(p -> smtpProfiles.add(p.get("id").asText()));
        List<String> directProfiles = new ArrayList<>();
        direct.get("profiles").forEach(p -> directProfiles.add(p.get("id").asText()));
        assertThat(smtpProfiles).contains("win7-schannel", "java8", "openssl-3")
                .noneMatch(id -> id.startsWith("winhttp-") || id.equals("chromium") || id.startsWith("rdp-")
                        || id.startsWith("odbc") || id.startsWith("snac") || id.startsWith("sqlclient-"));
        assertThat(directProfiles).contains("winhttp-win7-a0", "chromium", "win7-schannel")
                .noneMatch(id -> id.startsWith("rdp-") || id.startsWith("odbc") || id.startsWith("snac")
                        || id.startsWith("sqlclient-"));
        assertThat(directProfiles.size() - smtpProfiles.size()).as("three WinHTTP profiles and Chromium").isEqualTo(4);

        assertThat(Files.readString(out.resolve("endpoints.csv"))).contains(",smtp,yes,ok,");
        CliRun report = CliRun.tlsweep("report", out.toString());
        assertThat(report.exit()).as(report.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(out.resolve("endpoints.csv"))).contains(",smtp,yes,ok,");
        assertThat(Files.readString(out.resolve("report.html"))).contains("(smtp, STARTTLS)");
    }

    @Test
    void theRunsChoiceCoversLinesThatSayNothingAndNoneScansThePortAsTls(TargetFarm farm) throws IOException {
        FarmTarget smtp = farm.target("smtp-mixed");
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, smtp.hostPort() + "\n" + farm.target("modern-tls12-13").hostPort()
                + " starttls=none\n");

        CliRun bySmtp = CliRun.tlsweep("scan", "-q", "--read-timeout", "3000", "--rate", "0", "--no-profiles",
                "--starttls", "smtp", "-o", dir.resolve("smtp").toString(), "-iL", hosts.toString());
        CliRun byNone = CliRun.tlsweep("scan", "-q", "--read-timeout", "3000", "--no-profiles", "--starttls", "none",
                "-o", dir.resolve("none").toString(), smtp.hostPort());

        assertThat(bySmtp.exit()).as(bySmtp.err()).isEqualTo(ExitCodes.OK);
        Map<String, JsonNode> lines = lines(dir.resolve("smtp/results.jsonl"));
        assertThat(lines.get(hosts + ":1").get("prelude").get("protocol").asText()).isEqualTo("smtp");
        assertThat(lines.get(hosts + ":1").get("status").asText()).isEqualTo("ok");
        assertThat(lines.get(hosts + ":2").has("prelude")).isFalse();
        assertThat(lines.get(hosts + ":2").get("status").asText()).isEqualTo("ok");

        assertThat(byNone.exit()).as(byNone.err()).isEqualTo(ExitCodes.OK);
        JsonNode none = lines(dir.resolve("none/results.jsonl")).get("argument 1");
        assertThat(none.get("status").asText()).isEqualTo("not-tls");
        assertThat(none.get("verdict").asText()).isEqualTo("not-tls");
        assertThat(none.has("prelude")).isFalse();
    }

    @Test
    void theIssuesPortsPickTheirProtocolsByPortAloneAndALineOrTheRunSaysOtherwise() throws IOException {
        // addresses of 127.0.0.0/8 where nothing listens: every connection is refused at once, and what matters
        // here is what each endpoint was to speak before TLS, which every line says whatever became of it
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, "127.83.1.9\n127.83.1.10 starttls=none\n127.83.1.11:2525 starttls=smtp"
                + " sni=mx.test.example\n127.83.1.12 starttls=bogus\n127.83.1.13 starttls=mssql-strict\n");
        Path out = dir.resolve("ports");

        CliRun r = CliRun.tlsweep("scan", "-q", "--no-profiles", "--connect-timeout", "1000", "-p",
                "25,389,3389,1433", "-o", out.toString(), "-iL", hosts.toString());
        CliRun none = CliRun.tlsweep("scan", "-q", "--no-profiles", "--connect-timeout", "1000", "--starttls",
                "none", "-p", "25,389", "-o", dir.resolve("none").toString(), "127.83.1.9");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(hosts + ":4: starttls=bogus: unknown protocol 'bogus' (");
        Map<String, String> spoken = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            spoken.put(n.get("origin").asText() + " " + n.get("port").asInt(),
                    n.has("prelude") ? n.get("prelude").get("protocol").asText() : "tls");
            if (n.get("origin").asText().endsWith(":3")) {
                assertThat(n.get("sni").asText()).isEqualTo("mx.test.example");
            }
        }
        assertThat(spoken).containsOnly(
                Map.entry(hosts + ":1 25", "smtp"), Map.entry(hosts + ":1 389", "ldap"),
                Map.entry(hosts + ":1 3389", "rdp"), Map.entry(hosts + ":1 1433", "mssql"),
                Map.entry(hosts + ":2 25", "tls"), Map.entry(hosts + ":2 389", "tls"),
                Map.entry(hosts + ":2 3389", "tls"), Map.entry(hosts + ":2 1433", "tls"),
                Map.entry(hosts + ":3 2525", "smtp"),
                Map.entry(hosts + ":5 25", "mssql-strict"), Map.entry(hosts + ":5 389", "mssql-strict"),
                Map.entry(hosts + ":5 3389", "mssql-strict"), Map.entry(hosts + ":5 1433", "mssql-strict"));

        assertThat(none.exit()).as(none.err()).isNotEqualTo(ExitCodes.USAGE);
        List<String> noneLines = Files.readAllLines(dir.resolve("none/results.jsonl"));
        assertThat(noneLines).hasSize(2).noneMatch(l -> l.contains("\"prelude\""));
    }

    @Test
    void badOptionValuesAreUsageErrorsInTheOptionsWords(TargetFarm farm) {
        CliRun protocol = CliRun.tlsweep("scan", "-q", "-o", dir.toString(), "--starttls", "smtps",
                farm.target("smtp-mixed").hostPort());
        CliRun name = CliRun.tlsweep("scan", "-q", "-o", dir.toString(), "--client-name", "two words",
                farm.target("smtp-mixed").hostPort());
        CliRun benchAuto = CliRun.tlsweep("bench", farm.target("smtp-mixed").hostPort(), "--starttls", "auto");

        assertThat(protocol.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(protocol.err()).contains("Invalid value for option '--starttls': smtps: unknown protocol 'smtps'"
                + " (").contains("smtp, ");
        assertThat(name.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(name.err()).contains("Invalid value for option '--client-name'").contains("printable ASCII");
        assertThat(benchAuto.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(benchAuto.err()).contains("Invalid value for option '--starttls': auto: give the protocol");
        assertThat(CliRun.tlsweep("scan", "--help").out()).contains("--starttls").contains("auto, none, ")
                .contains("--client-name").contains("tlsweep.invalid").contains("starttls=PROTO");
    }

    @Test
    void benchAndItsMatrixHandshakeThroughStarttls(TargetFarm farm) {
        FarmTarget ordered = farm.target("smtp-ordered");
        CliRun bench = CliRun.tlsweep("bench", ordered.hostPort(), "--starttls", "smtp", "--duration", "1",
                "--warmup", "0", "-c", "2");
        CliRun matrix = CliRun.tlsweep("bench", ordered.hostPort(), "--starttls", "smtp", "--matrix", "--duration",
                "0.2", "-c", "1");
        CliRun without = CliRun.tlsweep("bench", ordered.hostPort(), "--count", "3", "--duration", "5", "--warmup",
                "0", "-c", "1");

        assertThat(bench.exit()).as(bench.err()).isEqualTo(ExitCodes.OK);
        assertThat(bench.out()).contains(ordered.hostPort() + " (smtp) ").contains(" 0 failed")
                .doesNotContain("errors ");
        assertThat(matrix.exit()).as(matrix.err()).isEqualTo(ExitCodes.OK);
        for (var suite : ordered.tls().perVersion().get(0).suites()) {
            assertThat(matrix.out()).contains(suite.ianaName());
        }
        assertThat(without.exit()).as("TLS from the first byte on an SMTP port: no handshake completes")
                .isEqualTo(ExitCodes.RUNTIME);
    }

    @Test
    void sqlServerIsScannedThroughPreloginAndTdsPacketsWithItsOwnClientsAndOneWithoutTlsIsAFinding(TargetFarm farm)
            throws IOException {
        FarmTarget mssql = farm.target("mssql-2012");
        FarmTarget noTls = farm.target("mssql-no-tls");
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, mssql.hostPort() + " starttls=mssql\n" + noTls.hostPort() + " starttls=mssql\n");
        Path out = dir.resolve("out");

        CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "3000", "--rate", "0", "-o", out.toString(),
                "-iL", hosts.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        Map<String, JsonNode> lines = lines(out.resolve("results.jsonl"));
        JsonNode line = lines.get(hosts + ":1");
        assertThat(line.get("status").asText()).isEqualTo("ok");
        ExpectedTls.assertServes(line, mssql.tls());
        assertThat(line.get("confirmation").get("outcome").asText()).as("a real stack's handshake in TDS packets")
                .isEqualTo("agreed");
        JsonNode prelude = line.get("prelude");
        assertThat(prelude.get("protocol").asText()).isEqualTo("mssql");
        assertThat(prelude.get("product").asText()).isEqualTo("SQL Server 2012");
        List<String> profiles = new ArrayList<>();
        line.get("profiles").forEach(p -> profiles.add(p.get("id").asText()));
        assertThat(profiles).as("the SQL Server clients, and the stacks that are clients everywhere")
                .contains("snac11-win7", "odbc18-win2019", "sqlclient-netfx46-win2012r2", "win7-schannel")
                .noneMatch(id -> id.startsWith("rdp-") || id.startsWith("winhttp-") || id.equals("chromium"));

        JsonNode without = lines.get(hosts + ":2");
        assertThat(without.get("prelude").get("encryption").asText()).isEqualTo("not-supported");
        List<String> kinds = new ArrayList<>();
        without.get("findings").forEach(f -> kinds.add(f.get("kind").asText() + ": " + f.get("detail").asText()));
        assertThat(kinds).contains("service-without-tls: mssql: PRELOGIN ENCRYPT_NOT_SUP: logins travel without TLS");
        JsonNode symptom = without.get("failure").get("windowsSymptom");
        assertThat(symptom.get("code").asText()).isEqualTo("SqlException");
        assertThat(symptom.get("text").asText())
                .isEqualTo("The instance of SQL Server you attempted to connect to does not support encryption.");
        assertThat(without.get("reason").asText()).endsWith("a Windows client that requires TLS shows SqlException"
                + " \"The instance of SQL Server you attempted to connect to does not support encryption.\"");
    }
}
