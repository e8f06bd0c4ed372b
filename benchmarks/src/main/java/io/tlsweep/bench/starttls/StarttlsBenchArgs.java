package io.tlsweep.bench.starttls;

import io.tlsweep.run.EngineSettings;
import java.util.List;

/**
 * What one run of {@link StarttlsBenchmark} does, parsed from its arguments:
 * <pre>
 * [--endpoints N] [--rounds R] [--warmup W] [--no-profiles] [--per-host P] [--concurrency C] [--scan-limit S]
 * </pre>
 *
 * @param endpoints endpoints in each set (the STARTTLS SMTP set and the direct set), 1 to {@value #MAX_ENDPOINTS}
 * @param rounds measured rounds, each scanning both sets once, 1 to {@value #MAX_ROUNDS}
 * @param warmup rounds run first and not counted (the JIT), 0 to {@value #MAX_WARMUP}
 * @param profiles send, predict and confirm the client profiles, as {@code tlsweep scan} does unless
 *     {@code --no-profiles}
 * @param perHost connections open at once to one address: every endpoint listens on 127.0.0.1, so this is the
 *     scan's whole parallelism ({@code tlsweep scan}'s {@code --per-host}, same default)
 * @param concurrency connections in flight over all addresses ({@code --concurrency}, same default)
 * @param scanLimitSeconds one scan is stopped after this long and the benchmark fails
 */
public record StarttlsBenchArgs(int endpoints, int rounds, int warmup, boolean profiles, int perHost,
        int concurrency, int scanLimitSeconds) {

    public static final int MAX_ENDPOINTS = 1000;
    public static final int MAX_ROUNDS = 20;
    public static final int MAX_WARMUP = 5;
    public static final int MAX_SCAN_LIMIT_SECONDS = 3600;

    static final String USAGE = "usage: StarttlsBenchmark [--endpoints N (100)] [--rounds R (5)] [--warmup W (3)]"
            + " [--no-profiles] [--per-host P (" + EngineSettings.DEFAULTS.perHost() + ")] [--concurrency C ("
            + EngineSettings.DEFAULTS.concurrency() + ")] [--scan-limit SECONDS (600)]";

    /** What the arguments said: a run to make, or what is wrong with them. */
    public sealed interface Parsed permits Run, Usage {
    }

    /** Arguments that make a run. */
    public record Run(StarttlsBenchArgs args) implements Parsed {
    }

    /** Arguments that do not: the problem, or the usage line when help was asked for. */
    public record Usage(String message, boolean asked) implements Parsed {
    }

    /** Parses {@code args}; never throws. */
    public static Parsed parse(List<String> args) {
        int endpoints = 100;
        int rounds = 5;
        int warmup = 3; // the scanner's CPU per connection still falls over the first rounds (JIT)
        boolean profiles = true;
        int perHost = EngineSettings.DEFAULTS.perHost();
        int concurrency = EngineSettings.DEFAULTS.concurrency();
        int scanLimit = 600;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                return new Usage(USAGE, true);
            }
            if (option.equals("--no-profiles")) {
                profiles = false;
                continue;
            }
            int[] bounds = switch (option) {
                case "--endpoints" -> new int[] {1, MAX_ENDPOINTS};
                case "--rounds" -> new int[] {1, MAX_ROUNDS};
                case "--warmup" -> new int[] {0, MAX_WARMUP};
                case "--per-host", "--concurrency" -> new int[] {1, 10_000};
                case "--scan-limit" -> new int[] {1, MAX_SCAN_LIMIT_SECONDS};
                default -> null;
            };
            if (bounds == null) {
                return new Usage("unknown option " + option + "\n" + USAGE, false);
            }
            if (i + 1 >= args.size()) {
                return new Usage(option + " needs a value\n" + USAGE, false);
            }
            String text = args.get(++i);
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return new Usage(option + ": not a whole number: " + text, false);
            }
            if (value < bounds[0] || value > bounds[1]) {
                return new Usage(option + ": " + value + " is not within " + bounds[0] + ".." + bounds[1], false);
            }
            switch (option) {
                case "--endpoints" -> endpoints = value;
                case "--rounds" -> rounds = value;
                case "--warmup" -> warmup = value;
                case "--per-host" -> perHost = value;
                case "--concurrency" -> concurrency = value;
                default -> scanLimit = value;
            }
        }
        return new Run(new StarttlsBenchArgs(endpoints, rounds, warmup, profiles, perHost, concurrency, scanLimit));
    }
}
