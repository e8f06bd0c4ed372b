package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line adds only the subcommand it is started with (picocli reads each added command's options from
 * its annotations, most of a short run's start-up), and that command is the same as when every one is added.
 */
class SubcommandsTest {

    @Test
    void everySubcommandIsAddedForNoArgumentsHelpAndCompletionUnderTheNameItsAnnotationGives() {
        for (String[] args : List.of(new String[0], new String[] {"help", "scan"},
                new String[] {"generate-completion"}, new String[] {"--help"}, new String[] {"scna"})) {
            CommandLine cli = Tlsweep.commandLine(args);
            assertThat(cli.getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(Tlsweep.SUBCOMMANDS.keySet());
            cli.getSubcommands().forEach((name, sub) -> assertThat(sub.getCommandName()).isEqualTo(name));
        }
    }

    @Test
    void aCommandLineNamingACommandAddsThatOneOnlyWithTheSameOptionsAndHelp() {
        CommandLine all = Tlsweep.commandLine();
        for (String name : List.of("scan", "demo", "sweep", "bench", "ciphers", "profiles", "policies", "merge", "diff",
                "report", "evidence")) {
            CommandLine alone = Tlsweep.commandLine(name, "--help");
            assertThat(alone.getSubcommands().keySet()).containsExactly(name);
            CommandLine sub = alone.getSubcommands().get(name);
            assertThat(sub.getCommandSpec().qualifiedName()).isEqualTo("tlsweep " + name);
            assertThat(sub.getUsageMessage()).isEqualTo(all.getSubcommands().get(name).getUsageMessage());
        }
    }

    @Test
    void aScanStartedAloneParsesAndFailsAsBefore() {
        CliRun run = CliRun.tlsweep("scan", "--no-such-option", "127.0.0.1:1");
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Unknown option: '--no-such-option'")
                .contains("Try 'tlsweep scan --help' for more information.");
    }
}
