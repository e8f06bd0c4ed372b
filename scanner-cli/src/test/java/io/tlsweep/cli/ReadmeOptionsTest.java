package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * README's "Command reference" and the commands' {@code --help} never drift apart: the section has one line per
 * command (tlsweep and each with a manual page), {@code - `tlsweep scan`: `--input`, `--ports`, ...} (continued on
 * lines indented by two spaces), naming
 * every option the command has (its longest name) and none it does not have. A failure names each option missing
 * or extra and gives the line as it should be.
 */
class ReadmeOptionsTest {
    private static final String SECTION = "## Command reference";
    private static final Pattern LINE = Pattern.compile("^- `(tlsweep[a-z -]*)`:(.*)$");
    private static final Pattern OPTION = Pattern.compile("`(--?[A-Za-z0-9][A-Za-z0-9-]*)`");

    @Test
    void theCommandReferenceNamesEveryOptionOfEveryCommandAndNoOther() throws IOException {
        List<String> problems = problems(referenceLines(readme()));

        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void aMissingOptionAnExtraOneAndAnUnknownCommandAreNamedWithTheLineAsItShouldBe() {
        Map<String, Set<String>> lines = referenceLines(List.of("## Command reference", "",
                "- `tlsweep policies`: `--file`,", "  `--help`, `--nope`", "", "- `tlsweep x`:", "  `--y`",
                "## Next", "- `tlsweep z`: `--z`"));

        assertThat(lines).containsOnlyKeys("tlsweep policies", "tlsweep x");
        assertThat(lines.get("tlsweep policies")).containsExactly("--file", "--help", "--nope");
        assertThat(problems(lines)).contains(
                "tlsweep policies: options missing from README's ## Command reference: [--version]",
                "tlsweep policies: README names options tlsweep policies does not have: [--nope]",
                "  the line: - `tlsweep policies`: `--file`, `--help`, `--version`",
                "tlsweep scan: no line in README's ## Command reference",
                "tlsweep x: README's ## Command reference has a line for a command tlsweep does not have");
    }

    /** What is wrong with the section's {@code lines}, against the commands that have a manual page. */
    private static List<String> problems(Map<String, Set<String>> readme) {
        List<String> problems = new ArrayList<>();
        Set<String> commands = new LinkedHashSet<>();
        for (CommandSpec command : ManPages.pages(Tlsweep.commandLine().getCommandSpec())) {
            String name = command.qualifiedName();
            commands.add(name);
            Set<String> options = options(command);
            Set<String> named = readme.getOrDefault(name, Set.of());
            Set<String> missing = new LinkedHashSet<>(options);
            missing.removeAll(named);
            Set<String> extra = new LinkedHashSet<>(named);
            extra.removeAll(options);
            if (!readme.containsKey(name)) {
                problems.add(name + ": no line in README's " + SECTION);
            } else if (!missing.isEmpty()) {
                problems.add(name + ": options missing from README's " + SECTION + ": " + missing);
            }
            if (!extra.isEmpty()) {
                problems.add(name + ": README names options " + name + " does not have: " + extra);
            }
            if (!missing.isEmpty() || !extra.isEmpty()) {
                problems.add("  the line: " + line(name, options));
            }
        }
        for (String name : readme.keySet()) {
            if (!commands.contains(name)) {
                problems.add(name + ": README's " + SECTION + " has a line for a command tlsweep does not have");
            }
        }
        return problems;
    }

    /** The options of {@code command} by their longest name, in the order {@code --help} lists them. */
    private static Set<String> options(CommandSpec command) {
        Set<String> names = new LinkedHashSet<>();
        for (OptionSpec option : command.options()) {
            if (!option.hidden()) {
                names.add(option.longestName());
            }
        }
        return names;
    }

    private static String line(String command, Set<String> options) {
        List<String> quoted = options.stream().map(o -> "`" + o + "`").toList();
        return "- `" + command + "`: " + String.join(", ", quoted);
    }

    /** The section's lines: each command it names and the options its line names. */
    private static Map<String, Set<String>> referenceLines(List<String> readme) {
        Map<String, Set<String>> lines = new LinkedHashMap<>();
        int start = readme.indexOf(SECTION);
        assertThat(start).as("README has a section '" + SECTION + "'").isNotNegative();
        Set<String> options = null;
        for (String l : readme.subList(start + 1, readme.size())) {
            if (l.startsWith("## ") || l.startsWith("# ")) {
                break;
            }
            Matcher m = LINE.matcher(l);
            String named;
            if (m.matches()) {
                options = new LinkedHashSet<>();
                lines.put(m.group(1), options);
                named = m.group(2);
            } else if (options != null && l.startsWith("  ")) {
                named = l;
            } else {
                options = null;
                continue;
            }
            Matcher o = OPTION.matcher(named);
            while (o.find()) {
                options.add(o.group(1));
            }
        }
        return lines;
    }

    private static List<String> readme() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("README.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return Files.readAllLines(dir.resolve("README.md"));
    }
}
