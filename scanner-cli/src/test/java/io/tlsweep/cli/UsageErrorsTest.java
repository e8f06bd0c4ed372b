package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.tlsweep.engine.handshake.HandshakeBench;
import io.tlsweep.run.FailOn;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Issue 18, "The command": every usage error names the option as it was typed, says what is allowed in the user's
 * words, gives one line of hint instead of the usage, and exits 2; the help of every command is there.
 */
class UsageErrorsTest {
    @TempDir
    Path dir;

    /** A command line, the option as it names it, and what the message must say of the value. */
    static Stream<Arguments> optionErrors() {
        return Stream.of(
                Arguments.of(List.of("scan", "-p", "0"), "-p", "0: a port is a number from 1 to 65535"),
                Arguments.of(List.of("scan", "--ports", "443,70000"), "--ports", "70000: a port is a number from 1"),
                Arguments.of(List.of("scan", "-p", "8449-8440"), "-p", "8449-8440: a range goes from the lower port"),
                Arguments.of(List.of("scan", "-p", "https"), "-p", "https: not a port"),
                Arguments.of(List.of("scan", "-c", "0"), "-c", "0: must be at least 1"),
                Arguments.of(List.of("scan", "--concurrency=0"), "--concurrency", "0: must be at least 1"),
                Arguments.of(List.of("scan", "-c0"), "-c", "0: must be at least 1"),
                Arguments.of(List.of("scan", "--per-host", "0"), "--per-host", "0: must be at least 1"),
                Arguments.of(List.of("scan", "--rate", "-5"), "--rate", "-5: must be 0 (no limit) or a positive"),
                Arguments.of(List.of("scan", "--read-timeout", "0"), "--read-timeout", "0 ms: must be at least 1 ms"),
                Arguments.of(List.of("scan", "--connect-timeout", "0"), "--connect-timeout", "0 ms: must be at least"),
                Arguments.of(List.of("scan", "--target-budget", "0"), "--target-budget", "0 s: must be at least 1 s"),
                Arguments.of(List.of("scan", "--expiring-days", "-1"), "--expiring-days", "-1: must be at least 0"),
                Arguments.of(List.of("demo", "--per-host", "0"), "--per-host", "0: must be at least 1"),
                Arguments.of(List.of("bench", "-c", "0"), "-c", "0: must be at least 1"),
                Arguments.of(List.of("bench", "--duration", "-1"), "--duration", "-1 s: must be more than 0 s"),
                Arguments.of(List.of("bench", "--duration", "0"), "--duration", "0 s: must be more than 0 s"),
                Arguments.of(List.of("bench", "--warmup", "-1"), "--warmup", "-1 s: must be 0 (none) or more"),
                Arguments.of(List.of("bench", "--count", "0"), "--count", "0: must be at least 1"),
                Arguments.of(List.of("bench", "--rate", "-1"), "--rate", "-1: must be 0 (no limit) or a positive"),
                Arguments.of(List.of("bench", "--provider", "schannel"), "--provider",
                        "schannel: not a TLS stack tlsweep has (boringssl, jdk or bc)"),
                Arguments.of(List.of("bench", "--suite", "ECDHE-RSA-AES128-GCM-SHA256,RC5"), "--suite",
                        "RC5: no cipher suite has this name (see 'tlsweep ciphers RC5')"),
                Arguments.of(List.of("bench", "--version", "SSLv3"), "--version",
                        "SSLv3: a full handshake takes TLSv1.0 to TLSv1.3"));
    }

    @ParameterizedTest
    @MethodSource("optionErrors")
    void anOptionValueOutOfRangeIsNamedAsTypedWithOneLineOfHintAndExitTwo(List<String> args, String typed,
            String says) {
        List<String> line = new ArrayList<>(args);
        line.add("127.0.0.1:1");
        CliRun r = CliRun.tlsweep(line.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(r.err()).hasSize(2);
        assertThat(lines.get(0)).startsWith("Invalid value for option '" + typed + "': " + says);
        assertThat(lines.get(1)).isEqualTo("Try 'tlsweep " + args.get(0) + " --help' for more information.");
        assertThat(r.err()).doesNotContain("maxInFlight").doesNotContain("PT0S").doesNotContain("default port")
                .doesNotContain("Usage:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anOutputDirectoryThatIsAFileOrRunsThroughOneIsAUsageErrorNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("afile.txt"), "x");
        for (String command : List.of("scan", "demo", "bench")) {
            CliRun r = CliRun.tlsweep(command, "-o", file.toString(), "127.0.0.1:1");
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).startsWith("Invalid value for option '-o': " + file + ": is a file, not a directory");
        }
        CliRun below = CliRun.tlsweep("scan", "--output-dir", file.resolve("shard").toString(), "127.0.0.1:1");
        assertThat(below.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(below.err()).startsWith("Invalid value for option '--output-dir': " + file.resolve("shard") + ": "
                + file + " is a file, not a directory");
        assertThat(file).hasContent("x");
    }

    @Test
    void aScanIntoAnEarlierRunsResultsIsRefusedUnlessForcedAndSaysHowToGoOn() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        // an earlier run's line (a closed port's short line: every CliRun's output directory is held to the schema)
        String earlier = "{\"schema\":\"tlsweep/1\",\"target\":\"127.0.0.1\",\"origin\":\"argument 1\",\"port\":9,"
                + "\"status\":\"unreachable\",\"failure\":\"connect-refused\",\"connections\":1}";
        Path results = Files.writeString(out.resolve("results.jsonl"), earlier + "\n");
        CliRun refused = CliRun.tlsweep("scan", "-q", "-o", out.toString(), "127.0.0.1:1");
        assertThat(refused.exit()).as(refused.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err().strip()).isEqualTo("tlsweep scan: " + out + " holds the results of an earlier run"
                + " (results.jsonl): give --force to replace them, --resume to finish it, or another -o DIR");
        assertThat(results).hasContent(earlier);
        CliRun demo = CliRun.tlsweep("demo", "-o", out.toString());
        assertThat(demo.exit()).as("a scan's results are not the demo's to replace").isEqualTo(ExitCodes.USAGE);
        assertThat(demo.err()).contains(out + " holds the results of an earlier run", "--force")
                .doesNotContain("--resume");
        assertThat(demo.out()).as("no farm started").isEmpty();
        assertThat(results).hasContent(earlier);
        CliRun forced = CliRun.tlsweep("scan", "-q", "--force", "--connect-timeout", "1000", "-o", out.toString(),
                "127.0.0.1:1");
        assertThat(forced.exit()).as(forced.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(results)).singleElement().asString().contains("\"port\":1")
                .doesNotContain("\"port\":9");
    }

    @Test
    void portListsTakeRangesEachPortScannedOnceInTheOrderGiven() throws IOException {
        assertThat(PortRange.ports(List.of(new PortRange(3, 3), new PortRange(1, 4), new PortRange(2, 2))))
                .containsExactly(3, 1, 2, 4);
        assertThat(PortRange.ports(List.of(new PortRange(1, PortRange.MAX_PORT)))).hasSize(65_535);
        Path out = dir.resolve("ports");
        CliRun r = CliRun.tlsweep("scan", "-q", "--no-profiles", "--connect-timeout", "1000", "-p", "3,1-2,2",
                "-o", out.toString(), "127.0.0.1");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(out.resolve("results.jsonl"))).hasSize(3)
                .anyMatch(l -> l.contains("\"port\":1,")).anyMatch(l -> l.contains("\"port\":2,"))
                .anyMatch(l -> l.contains("\"port\":3,"));
    }

    @Test
    void everyCommandPrintsItsHelpWithExitZero() {
        for (String command : Tlsweep.SUBCOMMANDS.keySet()) {
            if (command.equals("help") || command.equals("generate-completion")) {
                continue;
            }
            for (String option : List.of("--help", "-h")) {
                CliRun r = CliRun.tlsweep(command, option);
                assertThat(r.exit()).as(command + " " + option + ": " + r.err()).isZero();
                assertThat(r.out()).as(command).startsWith("Usage: tlsweep " + command);
            }
        }
        assertThat(CliRun.tlsweep("ciphers", "--version", "TLSv1.3", "--help").out())
                .as("--version is the TLS version there").startsWith("Usage: tlsweep ciphers");
        assertThat(CliRun.tlsweep("bench", "--help").out()).contains("--jdk-legacy");
        assertThat(CliRun.tlsweep("--help").out()).contains("TLSWEEP_JAVA_OPTS");
    }

    @Test
    void completionOffersTheFailOnConditionsInTheFormTheScanTakes() {
        CliRun script = CliRun.tlsweep("generate-completion");
        assertThat(script.exit()).isZero();
        List<String> lines = script.out().lines().filter(l -> l.contains("# --fail-on values")).toList();
        assertThat(lines).as("the scan's --fail-on").hasSize(1);
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(lines.get(0));
        List<String> offered = new ArrayList<>();
        while (quoted.find()) {
            offered.add(quoted.group(1));
        }
        assertThat(offered).containsExactlyElementsOf(Arrays.stream(FailOn.values()).map(FailOn::label).toList());
        for (String condition : offered) {
            CommandLine.ParseResult parsed = Tlsweep.commandLine("scan").parseArgs("scan", "--fail-on", condition,
                    "127.0.0.1:1").subcommand();
            assertThat(parsed.matchedOptionValue("--fail-on", List.<FailOn>of()))
                    .as(condition).containsExactly(FailOn.parse(condition));
        }
    }

    @Test
    void aBenchTheJdkRefusesSaysWhyAndNamesJdkLegacy() {
        String property = "jdk.tls.disabledAlgorithms";
        String before = Security.getProperty(property);
        // as the JDK ships it (another test of this JVM may have lifted the legacy entries with --jdk-legacy)
        Security.setProperty(property, "SSLv3, TLSv1, TLSv1.1, RC4, DES, 3DES_EDE_CBC, NULL");
        try {
            CliRun r = CliRun.tlsweep("bench", "--provider", "jdk", "--version", "TLSv1.0", "127.0.0.1:1");
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("the JDK refuses TLS 1.0: its security setting jdk.tls.disabledAlgorithms"
                    + " lists TLSv1;", "--jdk-legacy")
                    .doesNotContain("internal-error");
            CliRun suite = CliRun.tlsweep("bench", "--provider", "jdk", "--suite", "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
                    "127.0.0.1:1");
            assertThat(suite.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(suite.err()).contains("the JDK refuses 3DES suites", "lists 3DES_EDE_CBC", "--jdk-legacy");
        } finally {
            Security.setProperty(property, before);
        }
    }

    @Test
    void aBenchOfAPortWhereNothingListensStopsAfterAFewRefusalsNamingIt() {
        // closed loop after the default warm-up, and at a fixed rate without one: both stop at once
        for (List<String> args : List.of(List.of("bench", "127.0.0.1:1", "-c", "2", "--duration", "600"),
                List.of("bench", "127.0.0.1:1", "--warmup", "0", "--rate", "1000", "--duration", "600"))) {
            CliRun r = CliRun.tlsweep(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.RUNTIME);
            assertThat(r.err().strip()).isEqualTo("tlsweep bench: 127.0.0.1:1 refused "
                    + HandshakeBench.REFUSALS_TO_STOP + " connections in a row, nothing listens there; stopped");
            assertThat(r.out()).isEmpty();
        }
    }
}
