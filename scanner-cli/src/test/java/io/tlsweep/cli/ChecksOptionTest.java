package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.check.Checks;
import io.tlsweep.check.DowngradeSentinelCheck;
import io.tlsweep.check.SentinelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --checks LIST}, {@code --no-checks} and {@code --fail-on vulnerable} on {@code tlsweep scan}, with the
 * built-in checks and the test-only active check {@code downgrade-sentinel}, against a scripted server it finds
 * vulnerable (a TLS 1.2 answer with the TLS 1.3 server's downgrade sentinel to a hello that offered TLS 1.3).
 */
class ChecksOptionTest {
    private static final Checks CHECKS = Checks.BUILT_IN.with(new DowngradeSentinelCheck());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void helpListsTheOptionalChecksOfTheRegistry() {
        CliRun help = CliRun.tlsweep(CHECKS, "scan", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--checks=CHECK[,CHECK...]", "--no-checks",
                "Optional checks (--checks LIST, --no-checks;", "  downgrade-sentinel  on",
                "  vulnerable   an optional check found the endpoint vulnerable");
        assertThat(help.out().indexOf("downgrade-sentinel  on")).isLessThan(help.out().indexOf("Exit codes:"));
    }

    @Test
    void unknownNamesAndBothOptionsAreUsageErrors(@TempDir Path dir) {
        CliRun unknown = CliRun.tlsweep(CHECKS, "scan", "-q", "-o", dir.toString(), "--checks", "downgrade,all",
                "127.0.0.1:1");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("tlsweep scan: --checks: unknown check 'downgrade' (known: " + known()
                + ", default, all)").contains("downgrade-sentinel, default, all)");
        CliRun both = CliRun.tlsweep(CHECKS, "scan", "-q", "-o", dir.toString(), "--checks", "all", "--no-checks",
                "127.0.0.1:1");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--checks and --no-checks cannot go together");
        assertThat(dir.resolve("results.jsonl")).doesNotExist();
    }

    @Test
    void theSelectionDecidesWhatRunsAndFailOnVulnerableReadsIt(@TempDir Path dir) throws IOException {
        try (SentinelServer server = SentinelServer.start()) {
            String target = "127.0.0.1:" + server.port();
            CliRun byDefault = scan(dir.resolve("default"), target, "--fail-on", "vulnerable");
            CliRun none = scan(dir.resolve("none"), target, "--no-checks", "--fail-on", "vulnerable");
            CliRun named = scan(dir.resolve("named"), target, "--checks", "downgrade-sentinel");

            assertThat(byDefault.exit()).as(byDefault.err()).isEqualTo(1);
            JsonNode check = line(dir.resolve("default")).path("checks").path("downgrade-sentinel");
            assertThat(check.path("result").asText()).isEqualTo("vulnerable");
            assertThat(check.path("reason").asText()).startsWith("TLSv1.3 offered: TLSv1.2 with the sentinel");
            assertThat(check.path("connections").asInt()).isEqualTo(2);

            assertThat(none.exit()).as(none.err()).isZero();
            assertThat(line(dir.resolve("none")).has("checks")).isFalse();
            int active = 0;
            for (JsonNode c : line(dir.resolve("default")).path("checks")) {
                active += c.path("connections").asInt();
            }
            assertThat(line(dir.resolve("none")).path("connections").asInt()).as("the checks' hellos are not sent,"
                    + " the sentinel's two among them").isEqualTo(line(dir.resolve("default")).path("connections")
                    .asInt() - active);

            assertThat(named.exit()).as("no --fail-on: a vulnerable endpoint is no failure").isZero();
            assertThat(line(dir.resolve("named")).path("checks").path("downgrade-sentinel").path("result").asText())
                    .isEqualTo("vulnerable");
        }
    }

    /** A sweep reads {@code checks:} from its file as scan reads --checks, and fails on vulnerable the same way. */
    @Test
    void aSweepChoosesItsChecksInItsFile(@TempDir Path dir) throws IOException {
        try (SentinelServer server = SentinelServer.start()) {
            Files.writeString(dir.resolve("targets.txt"), "127.0.0.1:" + server.port() + "\n");
            Path none = Files.writeString(dir.resolve("none.yaml"), "targets: [targets.txt]\noutput: none\n"
                    + "profiles: none\nrealStackCheck: false\nscan: {readTimeoutMs: 2000}\nchecks: none\n");
            Path named = Files.writeString(dir.resolve("named.yaml"), "targets: [targets.txt]\noutput: named\n"
                    + "profiles: none\nrealStackCheck: false\nscan: {readTimeoutMs: 2000}\n"
                    + "checks: [downgrade-sentinel]\n");
            Path typo = Files.writeString(dir.resolve("typo.yaml"), "targets: [targets.txt]\noutput: typo\n"
                    + "checks: [downgrade]\n");

            CliRun quiet = CliRun.tlsweep(CHECKS, "sweep", "-q", "--config", none.toString(), "--fail-on",
                    "vulnerable");
            assertThat(quiet.exit()).as(quiet.err()).isZero();
            assertThat(latest(dir.resolve("none")).has("checks")).isFalse();
            CliRun failing = CliRun.tlsweep(CHECKS, "sweep", "-q", "--config", named.toString(), "--fail-on",
                    "vulnerable");
            assertThat(failing.exit()).as(failing.err()).isEqualTo(1);
            assertThat(latest(dir.resolve("named")).path("checks").path("downgrade-sentinel").path("result").asText())
                    .isEqualTo("vulnerable");
            CliRun bad = CliRun.tlsweep(CHECKS, "sweep", "-q", "--config", typo.toString());
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).contains("checks: unknown check 'downgrade' (known: " + known() + ", default,"
                    + " all)");
        }
    }

    /** The active checks of the test's registry, as an unknown name's message lists them. */
    private static String known() {
        return String.join(", ", CHECKS.optional().stream().map(c -> c.id()).toList());
    }

    private static JsonNode latest(Path out) throws IOException {
        return line(out.resolve("runs").resolve(Files.readString(out.resolve("LATEST")).strip()));
    }

    private static CliRun scan(Path out, String target, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "-q", "--no-profiles", "--read-timeout",
                "2000", "-o", out.toString()));
        args.addAll(List.of(more));
        args.add(target);
        return CliRun.tlsweep(CHECKS, args.toArray(String[]::new));
    }

    private static JsonNode line(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("results.jsonl"));
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines.get(0));
    }
}
