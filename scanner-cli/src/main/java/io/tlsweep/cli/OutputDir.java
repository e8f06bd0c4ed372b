package io.tlsweep.cli;

import io.tlsweep.run.ScanRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code -o DIR}: a directory that exists or can be made (no file on its way), and, for the commands that scan
 * into it, no earlier run's results replaced without a word.
 */
final class OutputDir {
    /** What the demo writes beside its results, and a scan never does: it tells a demo's directory apart. */
    static final String FARM_CA = "farm-ca.pem";

    private OutputDir() {
    }

    /** Reads {@code -o}: refuses a path that is, or runs through, a file. */
    static final class Converter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path dir = Path.of(value);
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw new TypeConversionException(value + ": " + (p.equals(dir) ? "is" : p + " is")
                            + " a file, not a directory");
                }
            }
            return dir;
        }
    }

    /**
     * Why {@code command} must not scan into {@code dir}: it holds an earlier run's results, which the run would
     * replace; empty when it holds none (an empty results file holds none), or when {@code force} says to replace
     * them.
     *
     * @param resume how this command finishes an earlier run instead, or empty where it cannot
     */
    static Optional<String> earlierRun(Path dir, String command, boolean force, Optional<String> resume)
            throws IOException {
        Path results = dir.resolve(ScanRun.RESULTS);
        if (force || !Files.exists(results) || Files.size(results) == 0) {
            return Optional.empty();
        }
        return Optional.of(command + ": " + dir + " holds the results of an earlier run (" + ScanRun.RESULTS
                + "): give --force to replace them" + resume.map(r -> ", " + r).orElse("")
                + ", or another -o DIR");
    }
}
