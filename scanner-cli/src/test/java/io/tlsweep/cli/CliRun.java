package io.tlsweep.cli;

import io.tlsweep.check.Checks;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code tlsweep} command line: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun tlsweep(String... args) {
        return tlsweep(Checks.BUILT_IN, args);
    }

    /** A run whose scans have the checks of {@code registry} (the built-in ones and a test's own). */
    static CliRun tlsweep(Checks registry, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tlsweep.run(new PrintWriter(out, true), new PrintWriter(err, true), registry, args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
