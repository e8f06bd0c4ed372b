package io.tlsweep.cli;

import io.tlsweep.check.Checks;
import io.tlsweep.report.OutputSchema;
import io.tlsweep.run.SweepConfig;
import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of the {@code tlsweep} command line: its exit code and what it printed. Every JSON file the run
 * wrote (in its {@code -o} directory, a sweep's output, the report directory, {@code diff --json}) is checked
 * against its schema afterwards: a file that does not validate fails the test that ran the command.
 */
record CliRun(int exit, String out, String err) {

    static CliRun tlsweep(String... args) {
        return tlsweep(Checks.BUILT_IN, args);
    }

    /** A run whose scans have the checks of {@code registry} (the built-in ones and a test's own). */
    static CliRun tlsweep(Checks registry, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tlsweep.run(new PrintWriter(out, true), new PrintWriter(err, true), registry, args);
        List<String> problems = new ArrayList<>();
        for (Path dir : outputDirs(args)) {
            problems.addAll(SchemaCheck.problemsUnder(dir));
        }
        if (args.length > 1 && args[0].equals("report")) {
            Path summary = Path.of(args[args.length - 1]).resolve(OutputSchema.SUMMARY.file());
            if (Files.isRegularFile(summary)) {
                problems.addAll(SchemaCheck.problems(OutputSchema.SUMMARY, summary));
            }
        }
        String json = value(args, "--json");
        if (json != null && Files.isRegularFile(Path.of(json))) {
            problems.addAll(SchemaCheck.problems(OutputSchema.DRIFT, Path.of(json)));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("tlsweep " + String.join(" ", args) + " wrote JSON its schema refuses:\n  "
                    + String.join("\n  ", problems));
        }
        return new CliRun(exit, out.toString(), err.toString());
    }

    /**
     * The directories {@code args} make tlsweep write to: {@code -o} and a sweep configuration's {@code output}.
     * ({@code report DIR} rewrites the reports of DIR, whose results.jsonl is a test's own input: only its
     * summary.json is checked.)
     */
    private static List<Path> outputDirs(String[] args) {
        List<Path> dirs = new ArrayList<>();
        String o = value(args, "-o");
        String output = o != null ? o : value(args, "--output-dir");
        if (output != null) {
            dirs.add(Path.of(output));
        }
        String config = value(args, "--config");
        if (config != null && args.length > 0 && args[0].equals("sweep") && Files.isRegularFile(Path.of(config))) {
            try {
                SweepConfig c = SweepConfig.read(Path.of(config));
                dirs.add(c.resolve(Path.of(config), c.output()));
            } catch (IOException | SweepConfig.BadConfig e) {
                // a configuration the run refused: it wrote nothing
            }
        }
        return dirs;
    }

    /** The value of option {@code name} in {@code args} ({@code name VALUE} or {@code name=VALUE}), or null. */
    private static String value(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }
}
