package io.tlsweep.cli;

import io.tlsweep.report.RunInfo;
import io.tlsweep.input.Shard;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --shard I/N} and {@code --shards N} options of {@code tlsweep scan}. With {@code --shards N}
 * alone the index comes from {@value #INDEX_VARIABLE}, which Kubernetes sets in every pod of an Indexed Job;
 * {@code --shard I/N} wins over the variable. Indices are 0-based, as Kubernetes counts.
 */
final class ShardOption {
    /** The environment variable Kubernetes sets to the pod's index in an Indexed Job. */
    static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

    private ShardOption() {
    }

    /**
     * The shard in effect, or empty when neither option is given (the variable alone shards nothing).
     *
     * @param shard the {@code --shard} value, or null
     * @param shards the {@code --shards} value, or null
     * @param environment looks up environment variables ({@code System::getenv})
     * @throws IllegalArgumentException naming the bad value
     */
    static Optional<Shard> parse(String shard, Integer shards, Function<String, String> environment) {
        if (shards != null && shards < 1) {
            throw new IllegalArgumentException("--shards " + shards + ": need at least 1 shard");
        }
        if (shard != null) {
            Shard explicit = parseExplicit(shard);
            if (shards != null && shards != explicit.count()) {
                throw new IllegalArgumentException("--shard " + shard + " and --shards " + shards
                        + " disagree on the number of shards");
            }
            return Optional.of(explicit);
        }
        if (shards == null) {
            return Optional.empty();
        }
        String index = environment.apply(INDEX_VARIABLE);
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException("--shards " + shards + " needs the shard index: set "
                    + INDEX_VARIABLE + " (Kubernetes does in an Indexed Job) or give --shard I/" + shards);
        }
        int i = number(index.strip(), () -> INDEX_VARIABLE + "='" + index + "' is not a shard index (0.."
                + (shards - 1) + " for --shards " + shards + ")");
        if (i >= shards) {
            throw new IllegalArgumentException(INDEX_VARIABLE + "=" + index + " is not below --shards " + shards
                    + " (indices are 0.." + (shards - 1) + ")");
        }
        return Optional.of(new Shard(i, shards));
    }

    private static Shard parseExplicit(String value) {
        String why = "--shard '" + value + "': expected I/N with 0 <= I < N, e.g. 2/4 (the index counts from 0)";
        int slash = value.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(why);
        }
        int index = number(value.substring(0, slash).strip(), () -> why);
        int count = number(value.substring(slash + 1).strip(), () -> why);
        if (count < 1 || index >= count) {
            throw new IllegalArgumentException(why);
        }
        return new Shard(index, count);
    }

    /** A non-negative decimal int (no sign, no spaces inside), or the error. */
    private static int number(String text, java.util.function.Supplier<String> why) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(why.get());
        }
        return Integer.parseInt(text);
    }

    /** The scan's shard ({@link Shard#ALL} when not sharded); a bad value is a usage error (exit 2). */
    static Shard resolve(CommandSpec spec, String shard, Integer shards) {
        try {
            return parse(shard, shards, System::getenv).orElse(Shard.ALL);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The run as reports show it: when the index came from {@value #INDEX_VARIABLE}, the command line says so
     * ({@code JOB_COMPLETION_INDEX=2 tlsweep scan ... --shards 4}), as it would be typed to redo the shard.
     */
    static RunInfo describe(RunInfo run, String shard, Integer shards) {
        if (shard != null || shards == null) {
            return run;
        }
        return parse(null, shards, System::getenv)
                .map(s -> new RunInfo(run.started(), run.duration(), run.tlsweepVersion(),
                        INDEX_VARIABLE + "=" + s.index() + " " + run.commandLine()))
                .orElse(run);
    }

    /** The shard a scan's shard.json names: the options' shard, empty when not sharded. */
    static Optional<Shard> marked(String shard, Integer shards) {
        return parse(shard, shards, System::getenv);
    }
}
