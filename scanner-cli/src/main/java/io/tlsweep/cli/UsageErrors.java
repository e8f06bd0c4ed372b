package io.tlsweep.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * How a usage error is told: picocli's message with the option named as the user typed it ({@code -c}, not the
 * {@code --concurrency} picocli would name), then one line that says where the help is; exit code 2.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(message(e, args));
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more"
                + " information.");
        return ExitCodes.USAGE;
    }

    /** The exception's message, naming its option as {@code args} typed it. */
    static String message(ParameterException e, String[] args) {
        String message = String.valueOf(e.getMessage());
        if (!(e.getArgSpec() instanceof OptionSpec option)) {
            return message;
        }
        String longest = "'" + option.longestName() + "'";
        String typed = "'" + typed(option, e.getValue(), args) + "'";
        return message.replace(longest + " (" + option.paramLabel() + ")", typed).replace(longest, typed);
    }

    /**
     * The name of {@code option} the command line used: where it gave {@code value} when that shows, else the
     * last one given, else its longest name.
     */
    static String typed(OptionSpec option, String value, String[] args) {
        List<String> names = Arrays.asList(option.names());
        List<String[]> given = new ArrayList<>(); // name, its value
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            String arg = args[i];
            String next = i + 1 < args.length ? args[i + 1] : "";
            int eq = arg.indexOf('=');
            if (names.contains(arg)) {
                given.add(new String[] {arg, next});
            } else if (eq > 0 && names.contains(arg.substring(0, eq))) {
                given.add(new String[] {arg.substring(0, eq), arg.substring(eq + 1)});
            } else if (arg.length() > 2 && !arg.startsWith("--") && names.contains(arg.substring(0, 2))) {
                given.add(new String[] {arg.substring(0, 2), arg.substring(2)});
            }
        }
        for (String[] g : given) {
            if (value != null && !value.isEmpty() && g[1].contains(value)) {
                return g[0];
            }
        }
        return given.isEmpty() ? option.longestName() : given.get(given.size() - 1)[0];
    }
}
