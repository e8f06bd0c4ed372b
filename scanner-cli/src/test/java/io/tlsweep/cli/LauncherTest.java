package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tlsweep} wrapper at the top of the checkout starts the jar with the class-data archive the build
 * makes beside it, and without it when it is not there; a scan (a cold run) with the quick compiler only, the
 * options given in {@code TLSWEEP_JAVA_OPTS} after it. A copy of the wrapper runs in a scratch checkout with a
 * {@code java} on the PATH that writes down its arguments.
 */
class LauncherTest {
    private static final Path WRAPPER = Path.of("..", "tlsweep");

    @TempDir
    Path dir;

    @Test
    void theWrapperPassesTheArchiveWhenTheBuildMadeOne() throws Exception {
        Path target = checkout();
        Files.writeString(target.resolve("tlsweep.jsa"), "");
        List<String> args = run("scan", "-q", "127.0.0.1:1");
        String root = dir.resolve("checkout").toAbsolutePath().toString();
        assertThat(args).containsExactly("-XX:SharedArchiveFile=" + root + "/scanner-cli/target/tlsweep.jsa",
                "-Xlog:cds*=off:stdout", "-Xlog:cds*=warning:stderr", "-XX:TieredStopAtLevel=1", "-Xmx1g",
                "-jar", root + "/scanner-cli/target/tlsweep.jar", "scan", "-q", "127.0.0.1:1");
    }

    @Test
    void aScanWithoutAnArchiveGetsTheQuickCompilerOnly() throws Exception {
        checkout();
        List<String> args = run("scan", "127.0.0.1:1");
        String root = dir.resolve("checkout").toAbsolutePath().toString();
        assertThat(args).containsExactly("-XX:TieredStopAtLevel=1", "-Xmx1g", "-jar",
                root + "/scanner-cli/target/tlsweep.jar", "scan", "127.0.0.1:1");
    }

    @Test
    void withoutAnArchiveTheWrapperRunsTheJarAsItIs() throws Exception {
        checkout();
        List<String> args = run("ciphers", "RC4");
        String root = dir.resolve("checkout").toAbsolutePath().toString();
        assertThat(args).containsExactly("-Xmx1g", "-jar", root + "/scanner-cli/target/tlsweep.jar", "ciphers",
                "RC4");
    }

    @Test
    void aBuildBeforeTheFirstRunPrintsNoColourResets() throws Exception {
        Path target = checkout();
        Files.delete(target.resolve("tlsweep.jar"));
        // as Maven 3.8 does in batch mode: ESC[0m on stdout and stderr
        mvn("printf '\\033[0m\\033[0m'; printf '\\033[0m' >&2; mkdir -p scanner-cli/target;"
                + " : > scanner-cli/target/tlsweep.jar");
        Process p = start("ciphers", "RC4");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the wrapper ends").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("\u001b").doesNotContain("[0m").contains("building");
        assertThat(Files.readAllLines(dir.resolve("args"))).contains("ciphers", "RC4");
    }

    @Test
    void aFailedBuildShowsItsOutputOnStderrAndExitsThree() throws Exception {
        Path target = checkout();
        Files.delete(target.resolve("tlsweep.jar"));
        mvn("printf '\\033[1;31m[ERROR]\\033[0m COMPILATION ERROR\\n'; exit 1");
        Process p = start("ciphers");
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the wrapper ends").isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(stdout).isEmpty();
        assertThat(stderr).contains("[ERROR] COMPILATION ERROR").doesNotContain("\u001b");
        assertThat(dir.resolve("args")).as("java never ran").doesNotExist();
    }

    /** An {@code mvn} on the wrapper's PATH that runs {@code script} (in the checkout, as the wrapper runs it). */
    private void mvn(String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A checkout with the wrapper and a jar (a file is enough: the java below does not read it). */
    private Path checkout() throws IOException {
        Path root = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(WRAPPER, root.resolve("tlsweep"));
        Path target = Files.createDirectories(root.resolve("scanner-cli").resolve("target"));
        Files.writeString(target.resolve("tlsweep.jar"), "");
        return target;
    }

    /** Runs the copied wrapper with {@code TLSWEEP_JAVA_OPTS=-Xmx1g}; the arguments its java was given. */
    private List<String> run(String... args) throws Exception {
        Process p = start(args);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the wrapper ends").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return Files.readAllLines(dir.resolve("args"));
    }

    /** Starts the copied wrapper with a {@code java} on the PATH that writes its arguments to {@code args}. */
    private Process start(String... args) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Path record = dir.resolve("args");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$ARGS_FILE\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new java.util.ArrayList<>(List.of("sh", dir.resolve("checkout/tlsweep").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("ARGS_FILE", record.toString());
        pb.environment().put("TLSWEEP_JAVA_OPTS", "-Xmx1g");
        return pb.start();
    }
}
