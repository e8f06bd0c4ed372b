package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.run.ScanRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, points 5, 6 and 11 as a user meets them, with the built jar in separate processes: a disk that fills
 * up mid-scan (a real tmpfs of a few MB, mounted in a private mount namespace that vanishes with the test), two
 * runs started together into one directory, Ctrl-C (SIGINT) in the middle of a scan, and a host whose network
 * namespace has no hardware address. Every target is a closed port on 127.9.0.1, so nothing leaves loopback.
 */
class RunSafetyIT {
    private static final long PROCESS_TIMEOUT_S = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsTheScanWithOneMessageAndResumeFinishesItAfterRoomIsMade() throws Exception {
        assertThat(TestProcesses.builtJar()).as("the jar built by package").isPresent();
        int targets = 3000;
        Path input = closedPorts(targets);
        Path fs = Files.createDirectory(dir.resolve("small-disk"));
        // a 4 MiB file system with about 200 KiB left: room for a few hundred of the 3,000 lines (~750 bytes each)
        String script = String.join("\n", "set -u",
                "mount -t tmpfs -o size=4m tlsweep-test \"$FS\" || exit 90",
                "head -c $((4096 * 1024 - 200 * 1024)) /dev/zero > \"$FS/filler\" 2>/dev/null",
                "\"$@\" -o \"$FS/out\" > \"$T/first.out\" 2> \"$T/first.err\"; echo $? > \"$T/first.exit\"",
                "rm \"$FS/filler\"",
                "\"$@\" -o \"$FS/out\" --resume > \"$T/second.out\" 2> \"$T/second.err\"; echo $? > \"$T/second.exit\"",
                "cp -a \"$FS/out\" \"$T/out\"");
        List<String> command = new ArrayList<>(namespaced("-m", "--propagation", "private"));
        command.addAll(List.of("sh", "-c", script, "sh"));
        command.addAll(TestProcesses.tlsweep(List.of("scan", "-q", "--connect-timeout", "2000", "-iL",
                input.toString())));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("FS", fs.toString());
        pb.environment().put("T", dir.toString());
        String shell = run(pb);

        assertThat(read("first.exit")).as(shell).isEqualTo("3");
        String err = read("first.err");
        Path results = fs.resolve("out").resolve(ScanRun.RESULTS);
        assertThat(err.lines().filter(l -> l.contains("No space left on device")).toList()).as(err)
                .containsExactly("tlsweep scan: cannot write " + results + ": No space left on device");
        assertThat(err).contains("--resume").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err.lines().count()).as(err).isLessThanOrEqualTo(3);

        assertThat(read("second.exit")).as(read("second.err")).isEqualTo("0");
        List<JsonNode> lines = lines(dir.resolve("out").resolve(ScanRun.RESULTS));
        Set<String> seen = new HashSet<>();
        lines.forEach(l -> assertThat(seen.add(l.get("target").asText())).as("written twice: " + l).isTrue());
        assertThat(seen).hasSize(targets);
        assertThat(JSON.readTree(dir.resolve("out").resolve("summary.json").toFile()).toString())
                .contains("\"endpoints\":" + targets);
    }

    @Test
    void ofTwoRunsStartedTogetherIntoOneDirectoryTheSecondRefusesAndTheFirstWritesEveryLineOnce() throws Exception {
        assertThat(TestProcesses.builtJar()).as("the jar built by package").isPresent();
        int targets = 300;
        Path input = closedPorts(targets);
        Path out = dir.resolve("out");
        List<String> args = List.of("scan", "-q", "--per-host", "1", "--rate", "100", "-iL", input.toString(),
                "-o", out.toString());
        Process a = new ProcessBuilder(TestProcesses.tlsweep(args)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("a.log").toFile()).start();
        Process b = new ProcessBuilder(TestProcesses.tlsweep(args)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("b.log").toFile()).start();
        try {
            assertThat(a.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
        List<Integer> exits = new ArrayList<>(List.of(a.exitValue(), b.exitValue()));
        String logs = read("a.log") + "\n---\n" + read("b.log");
        assertThat(exits).as(logs).containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.USAGE);
        assertThat(logs).contains(out + " is in use by another tlsweep run");
        List<JsonNode> lines = lines(out.resolve(ScanRun.RESULTS));
        assertThat(lines.stream().map(l -> l.get("target").asText()).distinct().count()).isEqualTo(targets);
        assertThat(lines).hasSize(targets);
    }

    @Test
    void ctrlCSaysWhatWasKeptAndHowToFinishAndResumeFinishesIt() throws Exception {
        assertThat(TestProcesses.builtJar()).as("the jar built by package").isPresent();
        int targets = 2000;
        Path input = closedPorts(targets);
        Path out = dir.resolve("out");
        List<String> slow = List.of("scan", "-q", "--per-host", "1", "--rate", "40", "-iL", input.toString(), "-o",
                out.toString());
        Process p = new ProcessBuilder(TestProcesses.tlsweep(slow)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("interrupted.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lineCount(out.resolve(ScanRun.RESULTS)) < 20 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(p.isAlive()).as("still scanning when interrupted").isTrue();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops soon after Ctrl-C").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String log = read("interrupted.log");
        assertThat(p.exitValue()).as(log).isEqualTo(RunGuard.INTERRUPTED);
        assertThat(log).contains("tlsweep scan: interrupted", "are kept in " + out.resolve(ScanRun.RESULTS),
                "--resume");
        int kept = lines(out.resolve(ScanRun.RESULTS)).size();
        assertThat(kept).isBetween(20, targets - 1);
        assertThat(log).contains(kept + " target(s) finished in this session");

        List<String> resume = new ArrayList<>(List.of("scan", "-q", "--resume", "-iL", input.toString(), "-o",
                out.toString()));
        Process r = new ProcessBuilder(TestProcesses.tlsweep(resume)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("resumed.log").toFile()).start();
        assertThat(r.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(r.exitValue()).as(read("resumed.log")).isZero();
        List<JsonNode> lines = lines(out.resolve(ScanRun.RESULTS));
        assertThat(lines).hasSize(targets);
        assertThat(lines.stream().map(l -> l.get("target").asText()).distinct().count()).isEqualTo(targets);
    }

    @Test
    void noHardwareAddressWarningInANetworkNamespaceWithoutOne() throws Exception {
        assertThat(TestProcesses.builtJar()).as("the jar built by package").isPresent();
        Path control = dir.resolve("NettyChannelId.java");
        Files.writeString(control, "public class NettyChannelId { public static void main(String[] a) {"
                + " System.out.println(io.netty.channel.DefaultChannelId.newInstance()); } }");
        List<String> plainNetty = new ArrayList<>(namespaced("-n"));
        plainNetty.addAll(List.of(TestProcesses.javaBinary(), "-cp", TestProcesses.builtJar().get().toString(),
                control.toString()));
        assertThat(run(new ProcessBuilder(plainNetty).redirectErrorStream(true)))
                .as("the namespace has no hardware address: Netty alone warns").contains("hardware address");

        List<String> scan = new ArrayList<>(namespaced("-n"));
        scan.addAll(TestProcesses.tlsweep(List.of("scan", "-q", "-o", dir.resolve("out").toString(),
                "127.0.0.1:1")));
        String output = run(new ProcessBuilder(scan).redirectErrorStream(true));
        assertThat(output).doesNotContain("hardware address").doesNotContain("WARNING");
        assertThat(lines(dir.resolve("out").resolve(ScanRun.RESULTS))).hasSize(1);
    }

    /**
     * {@code unshare} with the given namespace flags: as root directly, otherwise in a user namespace where this
     * user is root (what lets an unprivileged user mount a tmpfs or own a network namespace).
     */
    private static List<String> namespaced(String... flags) {
        List<String> command = new ArrayList<>(List.of("unshare"));
        if (!"root".equals(System.getProperty("user.name"))) {
            command.add("--map-root-user");
        }
        command.addAll(List.of(flags));
        return command;
    }

    private Path closedPorts(int n) throws IOException {
        StringBuilder lines = new StringBuilder("# closed loopback ports\n");
        for (int port = 1; port <= n; port++) {
            lines.append("127.9.0.1:").append(port).append('\n');
        }
        return Files.writeString(dir.resolve("targets.txt"), lines);
    }

    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)).as(output).isTrue();
            assertThat(p.exitValue()).as("%s exited %d:%n%s", pb.command().get(0), p.exitValue(), output).isZero();
            return output;
        } finally {
            p.destroyForcibly();
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name)).strip();
    }

    private static int lineCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return (int) lines.count();
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
