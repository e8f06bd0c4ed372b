package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The package phase leaves a class-data archive beside tlsweep.jar that this JVM can use: with
 * {@code -Xshare:on} a JVM that cannot map it stops instead of going on without it, and the command's own
 * classes come from it.
 */
class ClassDataArchiveIT {

    @Test
    void theArchiveBesideTheJarIsUsableAndHoldsTheCommandsClasses() throws Exception {
        Path jar = TestProcesses.builtJar().orElseThrow(() -> new AssertionError("the jar built by package"));
        Path archive = jar.resolveSibling("tlsweep.jsa");
        assertThat(archive).isRegularFile();
        ProcessBuilder pb = new ProcessBuilder(TestProcesses.javaBinary(), "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-jar", jar.toString(), "scan",
                "--help").redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        List<String> loaded = output.lines().filter(l -> l.contains("io.tlsweep.")).toList();
        assertThat(loaded).as(output).anyMatch(l -> l.contains("io.tlsweep.cli.ScanCommand source: shared objects"
                + " file"));
        assertThat(loaded).noneMatch(l -> l.contains("io.tlsweep.cli.ScanCommand source: file:"));
        assertThat(Files.size(archive)).isPositive();
    }
}
