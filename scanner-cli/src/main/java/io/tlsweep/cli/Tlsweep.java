package io.tlsweep.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code tlsweep} command. */
@Command(name = "tlsweep", mixinStandardHelpOptions = true, versionProvider = Tlsweep.Version.class,
        description = "High-throughput TLS endpoint scanner: which versions and cipher suites every endpoint"
                + " accepts, in which order, and what breaks when TLS 1.0/1.1 are switched off.",
        subcommands = {DemoCommand.class, ScanCommand.class, SweepCommand.class, DiffCommand.class,
            ReportCommand.class, MergeCommand.class, BenchCommand.class, CiphersCommand.class, ProfilesCommand.class,
            AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        footer = {"", "With no command, tlsweep runs the demo: it scans its built-in loopback target farm.",
            "Shell completion: source <(tlsweep generate-completion)", "", "Exit codes:",
            "  0  no policy condition met",
            "  1  a --fail-on condition was met",
            "  2  usage or input error",
            "  3  runtime failure"})
public final class Tlsweep implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output streams (for tests) and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Tlsweep()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("tlsweep: " + e.getMessage());
            return ExitCodes.RUNTIME;
        });
        return cli.execute(args);
    }

    /** With no subcommand, tlsweep shows what it does on the built-in target farm. */
    @Override
    public Integer call() throws Exception {
        CommandLine demo = spec.commandLine().getSubcommands().get("demo");
        return demo.execute();
    }

    /** The version from the jar manifest (set by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Tlsweep.class.getPackage().getImplementationVersion();
            return new String[] {"tlsweep " + (v == null ? "(development build)" : v)};
        }
    }
}
