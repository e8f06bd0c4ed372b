package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code tlsweep gen-manpage} writes a page for tlsweep and each command but help; man-db's {@code man -l}
 * (through groff, every warning on) renders each without a warning, with every option and the footer
 * {@code --help} shows.
 */
class ManPageTest {

    @Test
    void genManpageWritesOnePagePerCommandButHelp(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.tlsweep("gen-manpage", "-d", dir.resolve("man").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> expected = new ArrayList<>(List.of("tlsweep.1"));
        Tlsweep.SUBCOMMANDS.keySet().stream().filter(n -> !n.equals("help")).forEach(n -> expected.add(
                "tlsweep-" + n + ".1"));
        try (var files = Files.list(dir.resolve("man"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(run.out()).isEqualTo(expected.size() + " manual page(s) written to " + dir.resolve("man")
                + System.lineSeparator());
    }

    @Test
    void genManpageWithoutADirectoryIsAUsageError() {
        CliRun run = CliRun.tlsweep("gen-manpage");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required option: '--dir=DIR'");
    }

    @Test
    void manRendersEveryPageWithoutAWarningAndWithEveryOptionAndTheFooter(@TempDir Path dir) throws Exception {
        for (CommandSpec command : ManPages.pages(Tlsweep.commandLine().getCommandSpec())) {
            Path page = dir.resolve(ManPage.pageName(command) + ".1");
            Files.writeString(page, ManPage.render(command, "tlsweep 9.9"), StandardCharsets.US_ASCII);

            Rendered man = man(page, dir);

            assertThat(man.err()).as(page + " warnings").isEmpty();
            assertThat(man.exit()).as(page.toString()).isZero();
            String text = man.out().replaceAll("\\s+", " ");
            assertThat(text).as(page.toString()).contains("NAME " + ManPage.pageName(command) + " - ")
                    .contains("SYNOPSIS " + ManPage.oneLineSynopsis(command) + " DESCRIPTION")
                    .contains("tlsweep 9.9");
            for (OptionSpec option : command.options()) {
                assertThat(text).as(page + " " + option.longestName()).contains(option.longestName());
            }
            for (String line : command.usageMessage().footer()) {
                assertThat(text).as(page + " footer").contains(ManPage.unformat(line).strip()
                        .replaceAll("\\s+", " "));
            }
        }
    }

    @Test
    void theOptionsAreInTheOrderHelpListsThem() {
        for (String name : List.of("diff", "scan")) {
            CommandLine command = Tlsweep.commandLine(name).getSubcommands().get(name);
            List<String> inHelp = new ArrayList<>();
            for (String line : command.getHelp().optionList().split("\\R")) {
                Matcher m = Pattern.compile("^ {2,6}(?:-\\w+, )?(--[\\w-]+)").matcher(line);
                if (m.find()) {
                    inHelp.add(m.group(1));
                }
            }
            List<String> inPage = new ArrayList<>();
            Matcher m = Pattern.compile("\\.TP\\n\\\\fB(?:\\\\%\\\\-\\w+, )?\\\\%((?:\\\\-|\\w)+)")
                    .matcher(ManPage.render(command.getCommandSpec(), "tlsweep 9.9"));
            while (m.find()) {
                inPage.add(m.group(1).replace("\\-", "-"));
            }
            assertThat(inPage).as(name).filteredOn(o -> o.startsWith("--")).containsExactlyElementsOf(inHelp);
            assertThat(inHelp).as(name).hasSizeGreaterThan(4);
        }
    }

    @Test
    void aPageWithABadEscapeGetsAWarningTheCheckAbovePicksUp(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("bad.1");
        Files.writeString(page, ".TH BAD 1\n.SH NAME\nbad \\- a page\n.SH DESCRIPTION\nab\\qc\n");

        assertThat(man(page, dir).err()).contains("warning");
    }

    @Test
    void troffControlCharactersAndNonAsciiInTextAreEscaped() {
        assertThat(ManPage.text("a\\b")).isEqualTo("a\\eb");
        assertThat(ManPage.text("TLS 1.0 — off")).isEqualTo("TLS 1.0 \\[u2014] off");
        assertThat(ManPage.text("\u0007")).isEqualTo("\\[u2407]");
        assertThat(ManPage.unformat("50%% of%nall")).isEqualTo("50% of\nall");
    }

    private record Rendered(int exit, String out, String err) {
    }

    /** {@code man -l PAGE} at 200 columns, without pager, hyphenation or groff's sandbox, all warnings on. */
    private static Rendered man(Path page, Path dir) throws Exception {
        Path out = dir.resolve("man.out");
        Path err = dir.resolve("man.err");
        ProcessBuilder pb = new ProcessBuilder("man", "--warnings=all", "-E", "UTF-8", "-l", page.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("MANWIDTH", "200");
        pb.environment().put("MANPAGER", "cat");
        pb.environment().put("MAN_DISABLE_SECCOMP", "1");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("man -l " + page + " still running after 30 s");
        }
        return new Rendered(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
