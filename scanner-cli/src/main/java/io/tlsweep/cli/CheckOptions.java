package io.tlsweep.cli;

import io.tlsweep.check.Check;
import io.tlsweep.check.Checks;
import io.tlsweep.prelude.http.HttpRequest;
import io.tlsweep.probe.CheckSelection;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --checks LIST} and {@code --no-checks}: which of the optional checks (the active checks: Heartbleed,
 * TLS_FALLBACK_SCSV...) a scan sends. The list in {@code --help} is the registry's ({@link #describe}). And {@code
 * --http-path PATH}, what the HTTP authentication check asks besides {@code /}.
 */
final class CheckOptions {
    @Option(names = "--checks", split = ",", paramLabel = "CHECK", description = "Run only these optional checks"
            + " (listed below; 'default': those marked on, 'all': every one, opt-in ones too). Default: those"
            + " marked on.")
    private List<String> names;

    @Option(names = "--no-checks", description = "Run none of the optional checks: the scan alone.")
    private boolean none;

    @Option(names = "--http-path", paramLabel = "PATH", description = "Web endpoints: the http-auth check also"
            + " asks PATH (/owa/, /EWS/Exchange.asmx...; one more connection), besides / (default: / only).")
    private String httpPath = HttpRequest.DEFAULT_PATH;

    /** The path {@code --http-path} names, or empty after printing what is wrong with it. */
    Optional<String> httpPath(PrintWriter err, String command) {
        try {
            return Optional.of(HttpRequest.checkPath(httpPath));
        } catch (IllegalArgumentException e) {
            err.println(command + ": --http-path: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The selection, or empty after printing what is wrong (an unknown name, both options). */
    Optional<CheckSelection> settle(Checks registry, PrintWriter err, String command) {
        if (none && names != null) {
            err.println(command + ": --checks and --no-checks cannot go together");
            return Optional.empty();
        }
        if (none) {
            return Optional.of(CheckSelection.none());
        }
        if (names == null) {
            return Optional.of(CheckSelection.DEFAULT);
        }
        try {
            return Optional.of(registry.select(names));
        } catch (IllegalArgumentException e) {
            err.println(command + ": --checks: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Lists {@code registry}'s optional checks in {@code spec}'s help, before its exit codes: each one's id, whether
     * it runs by default, and what it sends and costs.
     */
    static void describe(CommandSpec spec, Checks registry) {
        List<String> lines = new ArrayList<>(List.of("", "Optional checks (--checks LIST, --no-checks; 'on' ones"
                + " run by default, 'opt-in' ones only when named):"));
        List<Check<?>> optional = registry.optional();
        if (optional.isEmpty()) {
            lines.add("  (none in this build)");
        }
        int width = optional.stream().mapToInt(c -> c.id().length()).max().orElse(0) + 2;
        for (Check<?> c : optional) {
            lines.add("  " + String.format("%-" + width + "s%-8s", c.id(), c.onByDefault() ? "on" : "opt-in")
                    + c.about().replace("%", "%%"));
        }
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        int exitCodes = footer.indexOf(footer.stream().filter(l -> l.startsWith("Exit codes")).findFirst()
                .orElse(""));
        int at = exitCodes < 0 ? footer.size() : exitCodes;
        // keep the blank line that precedes "Exit codes" before it
        if (at > 0 && footer.get(at - 1).isEmpty()) {
            at--;
        }
        footer.addAll(at, lines);
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }
}
