package io.tlsweep.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code tlsweep} command line: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun tlsweep(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tlsweep.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
