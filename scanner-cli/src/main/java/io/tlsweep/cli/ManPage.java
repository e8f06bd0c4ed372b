package io.tlsweep.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A manual page in troff ({@code man(7)} macros) for one command, rendered from its picocli model: the same
 * description, options, arguments and footer {@code --help} prints, so the two cannot drift apart. Pure: text in,
 * text out.
 */
final class ManPage {
    private final StringBuilder out = new StringBuilder();

    private ManPage() {
    }

    /** The page of {@code spec} (tlsweep itself or one of its subcommands), for tlsweep {@code version}. */
    static String render(CommandSpec spec, String version) {
        return new ManPage().page(spec, version);
    }

    /** The page's name: {@code tlsweep} for the top command, {@code tlsweep-scan} for {@code tlsweep scan}. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private String page(CommandSpec spec, String version) {
        String name = pageName(spec);
        macro(".TH", name.toUpperCase(Locale.ROOT), "1", "", version, "tlsweep manual");
        macro(".SH", "NAME");
        line(roman(name) + " \\- " + text(firstSentence(spec)));
        synopsis(spec);
        macro(".SH", "DESCRIPTION");
        lines(spec.usageMessage().description());
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            macro(".SH", "ARGUMENTS");
            params.forEach(p -> item(label(spec, p).strip(), p));
        }
        List<OptionSpec> options = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
        if (spec.usageMessage().sortOptions()) {
            options.sort(Help.createShortOptionNameComparator()); // the order --help lists them in
        }
        if (!options.isEmpty()) {
            macro(".SH", "OPTIONS");
            options.forEach(o -> item(names(o) + label(spec, o), o));
        }
        Map<String, CommandLine> subs = spec.subcommands();
        if (!subs.isEmpty()) {
            macro(".SH", "COMMANDS");
            subs.forEach((sub, cl) -> {
                macro(".TP");
                line("\\fB" + roman(sub) + "\\fR");
                lines(cl.getCommandSpec().usageMessage().description());
            });
        }
        footer(spec.usageMessage().footer());
        seeAlso(spec);
        return out.toString();
    }

    private void synopsis(CommandSpec spec) {
        macro(".SH", "SYNOPSIS");
        String command = spec.qualifiedName();
        List<String> words = List.of(oneLineSynopsis(spec).split(" "));
        String rest = String.join(" ", words.subList(Math.min(command.split(" ").length, words.size()),
                words.size()));
        // filled, left-aligned, never hyphenated, and its hyphens minus signs, so it breaks between the options only
        macro(".ad l");
        macro(".nh");
        line("\\fB" + roman(command) + "\\fR " + text(rest).replace("-", "\\-"));
        macro(".hy");
        macro(".ad");
    }

    /**
     * Picocli's synopsis on one line: it wraps at the usage width, also inside an option's label, so the page's is
     * made as wide as it needs to be, the width given back after.
     */
    static String oneLineSynopsis(CommandSpec spec) {
        int width = spec.usageMessage().width();
        try {
            spec.usageMessage().width(100_000);
            Help help = new Help(spec, new Help.ColorScheme.Builder(Help.Ansi.OFF).build());
            return help.synopsis(0).strip().replaceAll("\\s+", " ");
        } finally {
            spec.usageMessage().width(width);
        }
    }

    private void item(String head, ArgSpec arg) {
        macro(".TP");
        line("\\fB" + head + "\\fR");
        lines(arg.description());
    }

    /** Every name of {@code option}, short ones first as picocli sorts them: {@code -o, --output}. */
    private static String names(OptionSpec option) {
        List<String> names = new ArrayList<>();
        for (String n : option.names()) {
            names.add(roman(n));
        }
        return String.join(", ", names);
    }

    /** What follows the option's name, as {@code --help} prints it ({@code  DIR}, {@code =LIST...}), in italics. */
    private static String label(CommandSpec spec, ArgSpec arg) {
        Help help = new Help(spec, new Help.ColorScheme.Builder(Help.Ansi.OFF).build());
        String label = help.parameterLabelRenderer().renderParameterLabel(arg, Help.Ansi.OFF, List.of()).toString();
        if (label.isEmpty()) {
            return "";
        }
        int start = label.charAt(0) == ' ' || label.charAt(0) == '=' ? 1 : 0;
        return roman(label.substring(0, start)) + "\\fI" + text(label.substring(start)) + "\\fB";
    }

    /**
     * The footer as {@code --help} lays it out: its indented lines are columns, kept as they are; the others are
     * prose, each filled to the page's width.
     */
    private void footer(String[] footer) {
        List<String> kept = new ArrayList<>();
        for (String element : footer) {
            kept.addAll(List.of(unformat(element).split("\\R", -1)));
        }
        while (!kept.isEmpty() && kept.get(0).isBlank()) {
            kept.remove(0);
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        if (kept.isEmpty()) {
            return;
        }
        macro(".SH", "NOTES");
        boolean columns = false;
        for (String l : kept) {
            boolean indented = l.startsWith(" ");
            if (indented != columns) {
                macro(indented ? ".nf" : ".fi");
                columns = indented;
            }
            if (l.isBlank()) {
                macro(".sp");
            } else {
                line(text(l.stripTrailing()));
                if (!indented) {
                    macro(".br");
                }
            }
        }
        if (columns) {
            macro(".fi");
        }
    }

    private void seeAlso(CommandSpec spec) {
        CommandSpec root = spec.root();
        List<String> pages = new ArrayList<>();
        if (spec != root) {
            pages.add("\\fB" + roman(pageName(root)) + "\\fR(1)");
        }
        for (CommandLine sub : root.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (s != spec && ManPages.documented(s)) {
                pages.add("\\fB" + roman(pageName(s)) + "\\fR(1)");
            }
        }
        macro(".SH", "SEE ALSO");
        macro(".ad l");
        line(String.join(",\n", pages));
        macro(".ad");
    }

    /** The description's first sentence, or its first line, for the NAME line whatis(1) and apropos(1) read. */
    private static String firstSentence(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        String first = description.length == 0 ? "" : unformat(description[0]).strip();
        int colon = first.indexOf(": ");
        int stop = first.indexOf(". ");
        int end = colon > 0 ? colon : stop > 0 ? stop : first.length();
        String sentence = first.substring(0, end);
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    /** Picocli's description elements are lines; each is kept as one, filled on its own. */
    private void lines(String[] elements) {
        boolean first = true;
        for (String element : elements) {
            for (String l : unformat(element).split("\\R")) {
                if (!first) {
                    macro(".br");
                }
                if (l.isBlank()) {
                    macro(".sp");
                } else {
                    line(text(l.strip()));
                }
                first = false;
            }
        }
    }

    /** Picocli's texts are format strings (%n a line break, %% a percent sign); their plain form. */
    static String unformat(String s) {
        return s.replace("%n", "\n").replace("%%", "%");
    }

    private void macro(String name, String... args) {
        StringBuilder l = new StringBuilder(name);
        for (String a : args) {
            l.append(" \"").append(text(a).replace("\"", "\\(dq")).append('"');
        }
        out.append(l).append('\n');
    }

    private void line(String troff) {
        boolean control = troff.startsWith(".") || troff.startsWith("'");
        out.append(control ? "\\&" : "").append(troff).append('\n');
    }

    /** A command or option name: never hyphenated, its hyphens minus signs, so it can be copied from the page. */
    private static String roman(String name) {
        return "\\%" + text(name).replace("-", "\\-");
    }

    /** Plain text as troff: backslashes escaped, and every character beyond ASCII by its Unicode name. */
    static String text(String s) {
        StringBuilder t = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\\') {
                t.append("\\e");
            } else if (c == '\t') {
                t.append(' ');
            } else if (c < 0x20 || c == 0x7f) {
                t.append(String.format(Locale.ROOT, "\\[u%04X]", c == 0x7f ? 0x2421 : 0x2400 + c));
            } else if (c > 0x7e) {
                t.append(String.format(Locale.ROOT, "\\[u%04X]", c));
            } else {
                t.append((char) c);
            }
        });
        return t.toString();
    }
}
