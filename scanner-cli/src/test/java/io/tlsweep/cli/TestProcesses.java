package io.tlsweep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts tlsweep as a separate JVM, the way a scheduler or an Indexed Job runs it, on the test class path. */
final class TestProcesses {
    private TestProcesses() {
    }

    /** {@code java -Xmx512m -cp <test class path> io.tlsweep.cli.Tlsweep ARGS...} */
    static List<String> tlsweep(List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-cp", testClassPath(),
                Tlsweep.class.getName()));
        command.addAll(args);
        return command;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The test class path: where Surefire says it is, else java.class.path (the same when not booted by a jar). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
