package io.tlsweep.cli;

import io.tlsweep.check.Checks;
import io.tlsweep.report.RunInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code tlsweep} command. */
@Command(name = "tlsweep", mixinStandardHelpOptions = true, versionProvider = Tlsweep.Version.class,
        description = "High-throughput TLS endpoint scanner: which versions and cipher suites every endpoint"
                + " accepts, in which order, and what breaks when TLS 1.0/1.1 are switched off.",
        footer = {"", "With no command, tlsweep runs the demo: it scans its built-in loopback target farm.",
            "Shell completion: source <(tlsweep generate-completion)",
            "Manual pages: tlsweep gen-manpage -d DIR (the build writes them to scanner-cli/target/man)",
            "JVM options for the ./tlsweep wrapper (after its own): TLSWEEP_JAVA_OPTS,",
            "  e.g. TLSWEEP_JAVA_OPTS=-Xmx2g ./tlsweep scan ...",
            "", "Exit codes:",
            "  0  no policy condition met",
            "  1  a --fail-on condition was met",
            "  2  usage or input error, or an output directory in use or holding an",
            "     earlier run's results (give --resume or --force)",
            "  3  runtime failure"})
public final class Tlsweep implements Callable<Integer> {
    static final String NETTY_MACHINE_ID = "io.netty.machineId";
    /** Held for the life of the process: java.util.logging keeps only weak references to configured loggers. */
    private static final Logger NETTY_NET_UTIL = Logger.getLogger("io.netty.util.NetUtilInitializations");

    /**
     * The subcommands by name, in the order help lists them. Picocli reads a command's options from its
     * annotations when it is added, which is most of the start-up of a short run, so a command line naming one
     * of them adds only that one (see {@link #commandLine}).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = orderedMap(List.of(
            Map.entry("demo", DemoCommand.class), Map.entry("scan", ScanCommand.class),
            Map.entry("sweep", SweepCommand.class), Map.entry("diff", DiffCommand.class),
            Map.entry("report", ReportCommand.class), Map.entry("merge", MergeCommand.class),
            Map.entry("evidence", EvidenceCommand.class),
            Map.entry("bench", BenchCommand.class), Map.entry("ciphers", CiphersCommand.class),
            Map.entry("profiles", ProfilesCommand.class), Map.entry("policies", PoliciesCommand.class),
            Map.entry("schema", SchemaCommand.class),
            Map.entry("generate-completion", AutoComplete.GenerateCompletion.class),
            Map.entry("gen-manpage", ManPages.class),
            Map.entry("help", CommandLine.HelpCommand.class)));

    /** The subcommands that read the others: help lists them, the completion script covers them. */
    private static final List<String> OVER_ALL = List.of("generate-completion", "gen-manpage", "help");

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
        return run(out, err, Checks.BUILT_IN, args);
    }

    /** As the other, scanning with the checks of {@code registry} (a test's own registry). */
    static int run(PrintWriter out, PrintWriter err, Checks registry, String... args) {
        quietNettyStartup();
        CommandLine cli = commandLine(registry, args).setOut(out).setErr(err);
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": "
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            return ExitCodes.RUNTIME;
        });
        return cli.execute(args);
    }

    /**
     * The command line for {@code args}: with every subcommand, or only the one {@code args} start with when that
     * one needs no other (the parse, the help and the errors are the same either way: a subcommand's arguments
     * are its own).
     */
    static CommandLine commandLine(String... args) {
        return commandLine(Checks.BUILT_IN, args);
    }

    /**
     * As the other; {@code scan} and {@code sweep} run the checks of {@code registry}, and {@code scan} lists its
     * optional ones in its help.
     */
    static CommandLine commandLine(Checks registry, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == ScanCommand.class) {
                    return cls.cast(new ScanCommand(registry));
                }
                return cls == SweepCommand.class ? cls.cast(new SweepCommand(registry))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cli = new CommandLine(new Tlsweep(), factory);
        String first = args.length == 0 ? "" : args[0];
        boolean alone = SUBCOMMANDS.containsKey(first) && !OVER_ALL.contains(first);
        for (Map.Entry<String, Class<?>> command : SUBCOMMANDS.entrySet()) {
            if (!alone || command.getKey().equals(first)) {
                cli.addSubcommand(command.getKey(), command.getValue());
            }
        }
        CommandLine scan = cli.getSubcommands().get("scan");
        if (scan != null) {
            CheckOptions.describe(scan.getCommandSpec(), registry);
        }
        CommandLine evidence = cli.getSubcommands().get("evidence");
        if (evidence != null) {
            EvidenceCommand.describe(evidence.getCommandSpec());
        }
        return cli;
    }

    private static Map<String, Class<?>> orderedMap(List<Map.Entry<String, Class<?>>> entries) {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(map);
    }

    /**
     * Netty's start-up warnings that say nothing about a scan, printed with stack traces in containers and network
     * namespaces: it names channels with a machine id taken from a hardware (MAC) address and warns when it finds
     * none; the id only tells channels apart in Netty's logs, so random bytes set before Netty reads them do the
     * same job (a value the user set is kept). And it warns when it cannot list the network interfaces or find
     * the loopback one, which tlsweep never asks it for; that logger is held here at SEVERE.
     */
    static void quietNettyStartup() {
        NETTY_NET_UTIL.setLevel(Level.SEVERE);
        if (System.getProperty(NETTY_MACHINE_ID) == null) {
            // ids need to differ, not to be secret: no SecureRandom (its provider set-up is a start-up cost)
            byte[] id = new byte[8];
            ThreadLocalRandom.current().nextBytes(id);
            id[0] |= 0x02; // a locally administered address, as random MACs are marked
            System.setProperty(NETTY_MACHINE_ID, HexFormat.ofDelimiter(":").formatHex(id));
        }
    }

    /** With no subcommand, tlsweep shows what it does on the built-in target farm. */
    @Override
    public Integer call() throws Exception {
        CommandLine demo = spec.commandLine().getSubcommands().get("demo");
        return demo.execute();
    }

    /** What a report says about the run {@code spec}'s command line made, started at {@code started}. */
    static RunInfo runInfo(CommandSpec spec, Instant started) {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.root().commandLine().getParseResult().originalArgs();
        return new RunInfo(started, Duration.between(started, Instant.now()), new Version().getVersion()[0],
                "tlsweep " + String.join(" ", args));
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
