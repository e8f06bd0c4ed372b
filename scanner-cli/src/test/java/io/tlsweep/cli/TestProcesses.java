package io.tlsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts tlsweep as a separate JVM, the way a scheduler or an Indexed Job runs it: the built
 * {@code tlsweep.jar} when the integration tests run after {@code package} (Failsafe passes its path in
 * {@value #JAR_PROPERTY}), else the same classes from the test class path.
 */
final class TestProcesses {
    static final String JAR_PROPERTY = "tlsweep.jar";

    private TestProcesses() {
    }

    /** {@code java -Xmx512m -jar tlsweep.jar ARGS...}, or {@code -cp <test class path> io.tlsweep.cli.Tlsweep}. */
    static List<String> tlsweep(List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
        Optional<Path> jar = builtJar();
        if (jar.isPresent()) {
            command.addAll(List.of("-jar", jar.get().toString()));
        } else {
            command.addAll(List.of("-cp", testClassPath(), Tlsweep.class.getName()));
        }
        command.addAll(args);
        return command;
    }

    /** The jar the build made, when the tests were told where it is and it is there. */
    static Optional<Path> builtJar() {
        return Optional.ofNullable(System.getProperty(JAR_PROPERTY)).map(Path::of).filter(Files::isRegularFile);
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
