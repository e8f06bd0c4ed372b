package io.tlsweep.cli;

import io.tlsweep.report.OutputSchema;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlsweep schema}: the JSON Schemas of the JSON files tlsweep writes, listed, or one printed. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "List the JSON Schemas (draft 2020-12) of the JSON files tlsweep writes, or print one to"
                + " validate those files with any JSON Schema tool.",
        footer = {"", "Examples:",
            "  tlsweep schema                             every schema: its name, the file it describes",
            "  tlsweep schema results > results.schema.json   the schema of a results.jsonl line"})
final class SchemaCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The schema to print (see the list).")
    private String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            out.printf("%-9s %-14s %s%n", "name", "file", "what it holds");
            for (OutputSchema s : OutputSchema.values()) {
                out.printf("%-9s %-14s %s%n", s.label(), s.file(), s.description());
            }
            return ExitCodes.OK;
        }
        OutputSchema schema;
        try {
            schema = OutputSchema.named(name);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("tlsweep schema: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.print(schema.text());
        out.flush();
        return ExitCodes.OK;
    }
}
