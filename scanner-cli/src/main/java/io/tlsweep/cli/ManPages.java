package io.tlsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tlsweep gen-manpage}: the manual pages, tlsweep(1) and one per command, written as troff files. */
@Command(name = "gen-manpage", mixinStandardHelpOptions = true,
        description = "Write the manual pages: tlsweep.1 and one per command (tlsweep-scan.1...), in troff, from"
                + " the same text --help prints.",
        footer = {"", "The build writes them to scanner-cli/target/man. To install them for man(1):",
            "  install -m644 scanner-cli/target/man/*.1 /usr/local/share/man/man1/",
            "Or read one where it is: man -l scanner-cli/target/man/tlsweep-scan.1"})
final class ManPages implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-d", "--dir"}, required = true, paramLabel = "DIR",
            description = "Write the pages to DIR (made if missing; pages of the same name are replaced).")
    private Path dir;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String version = new Tlsweep.Version().getVersion()[0];
        List<CommandSpec> pages = pages(spec.root());
        try {
            Files.createDirectories(dir);
            for (CommandSpec page : pages) {
                Files.writeString(dir.resolve(ManPage.pageName(page) + ".1"), ManPage.render(page, version),
                        StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            err.println("tlsweep gen-manpage: " + dir + ": " + e.getMessage());
            return ExitCodes.RUNTIME;
        }
        spec.commandLine().getOut().println(pages.size() + " manual page(s) written to " + dir);
        return ExitCodes.OK;
    }

    /** The commands that get a page: {@code root} and every subcommand but {@code help}. */
    static List<CommandSpec> pages(CommandSpec root) {
        List<CommandSpec> pages = new ArrayList<>(List.of(root));
        root.subcommands().values().stream().map(CommandLine::getCommandSpec).filter(ManPages::documented)
                .forEach(pages::add);
        return pages;
    }

    /** Whether {@code command} has a page of its own ({@code help} only repeats the others). */
    static boolean documented(CommandSpec command) {
        return !command.usageMessage().hidden() && !(command.userObject() instanceof CommandLine.HelpCommand);
    }
}
