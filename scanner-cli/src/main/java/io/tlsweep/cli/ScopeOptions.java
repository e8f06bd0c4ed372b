package io.tlsweep.cli;

import io.tlsweep.run.SettingValues;
import io.tlsweep.input.InputError;
import io.tlsweep.input.Scope;
import io.tlsweep.input.ScopeRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What a scan may touch: the user's exclusions ({@code --exclude}, {@code --exclude-file}) on top of the
 * addresses tlsweep never connects to, and the largest run it starts without being told ({@code --max-targets}).
 */
final class ScopeOptions {
    /** The most distinct endpoints a run scans unless told ({@link SettingValues#DEFAULT_MAX_TARGETS}). */
    static final long DEFAULT_MAX_TARGETS = SettingValues.DEFAULT_MAX_TARGETS;

    @Option(names = "--exclude", split = ",", paramLabel = "CIDR", description = "Never connect to these"
            + " addresses or CIDR ranges (IPv4 or IPv6); a target in one gets a result line with status"
            + " 'excluded' and the rule. Names are checked after resolution.")
    private List<String> exclude = new ArrayList<>();

    @Option(names = "--exclude-file", paramLabel = "FILE", description = "Exclusions from FILE: one address or"
            + " CIDR range a line, # starts a comment. A bad line stops the scan before it starts.")
    private List<Path> excludeFiles = new ArrayList<>();

    @Option(names = "--max-targets", paramLabel = "N", defaultValue = "" + SettingValues.DEFAULT_MAX_TARGETS, description = "Refuse to scan more"
            + " than N distinct endpoints (default: ${DEFAULT-VALUE}, a /16 on one port); a file input is counted"
            + " before anything is sent, stdin is scanned up to N.")
    private long maxTargets;

    long maxTargets() {
        return maxTargets;
    }

    /** The scope, or empty after printing what is wrong (a bad exclusion: nothing may be scanned then). */
    Optional<Scope> scope(PrintWriter err, String command) {
        if (maxTargets < 1) {
            err.println(command + ": --max-targets " + maxTargets + ": need at least 1");
            return Optional.empty();
        }
        ScopeRules rules = new ScopeRules();
        exclude.forEach(e -> rules.exclude(e, "--exclude"));
        excludeFiles.forEach(rules::excludeFile);
        return settle(rules, err, command);
    }

    /** The rules' scope, or empty after printing each bad exclusion and that nothing was scanned. */
    static Optional<Scope> settle(ScopeRules rules, PrintWriter err, String command) {
        List<InputError> errors = rules.errors();
        if (errors.isEmpty()) {
            return Optional.of(rules.scope());
        }
        errors.forEach(e -> err.println(command + ": exclusion " + e));
        err.println(command + ": nothing scanned: an exclusion that cannot be read might be the one that keeps a"
                + " host out of the scan; fix it first");
        return Optional.empty();
    }

    /**
     * Whether a counted input is over {@code limit} (then it says so, and how to raise it, on {@code err}).
     *
     * @param counted distinct endpoints, counted no further than one past the limit
     * @param raise how the user raises the limit ("--max-targets N")
     */
    static boolean refuses(long counted, long limit, PrintWriter err, String command, String raise) {
        if (counted <= limit) {
            return false;
        }
        err.println(command + ": the input holds more than " + String.format(Locale.ROOT, "%,d", limit)
                + " distinct endpoints, the most a run scans unless told (" + raise.replace("N",
                        Long.toString(limit)) + "); nothing was sent. Check the ranges and ports, then give "
                + raise + " with N at least the number of endpoints to scan them all.");
        return true;
    }

    /** After a run from stdin stopped at the limit: what happened and how to raise it. */
    static void stoppedAt(long limit, PrintWriter err, String command, String raise) {
        err.println(command + ": stopped reading the input at " + String.format(Locale.ROOT, "%,d", limit)
                + " distinct endpoints (" + raise.replace("N", Long.toString(limit)) + "; stdin cannot be counted"
                + " in advance): those were scanned and reported, the rest were not. Give " + raise
                + " to scan more.");
    }
}
