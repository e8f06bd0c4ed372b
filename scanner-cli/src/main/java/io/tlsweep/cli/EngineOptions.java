package io.tlsweep.cli;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.run.EngineSettings;
import io.tlsweep.input.Scope;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The engine options of the commands that scan ({@code scan}, {@code demo}): timeouts, the target budget, the
 * global and per-host caps and the per-host rate, each with the command's default. A sweep file's {@code scan:}
 * keys are the same settings, with the same limits ({@link Bounds}).
 */
final class EngineOptions {
    @Option(names = "--connect-timeout", paramLabel = "MS", converter = Bounds.Millis.class,
            description = "TCP connect timeout in ms (default: ${DEFAULT-VALUE}).")
    private long connectTimeoutMs;

    @Option(names = "--read-timeout", paramLabel = "MS", converter = Bounds.Millis.class,
            description = "Time allowed for a server's answer to one hello, in ms (default: ${DEFAULT-VALUE}).")
    private long readTimeoutMs;

    @Option(names = "--target-budget", paramLabel = "S", converter = Bounds.Seconds.class,
            description = "Time allowed for one target, in seconds (default: ${DEFAULT-VALUE}).")
    private long budgetSeconds;

    @Mixin
    private ConcurrencyOption concurrency;

    @Option(names = "--per-host", paramLabel = "N", converter = Bounds.AtLeastOne.class,
            description = "Connections in flight to one address (default: ${DEFAULT-VALUE}).")
    private int perHost;

    @Option(names = "--rate", paramLabel = "HELLOS/S", converter = Bounds.Rate.class,
            description = "Hellos per second to one address; 0 = no limit (default: ${DEFAULT-VALUE}).")
    private double rate;

    /** @param defaults the command's defaults, shown in its help */
    EngineOptions(EngineSettings defaults) {
        this.connectTimeoutMs = defaults.connectTimeoutMs();
        this.readTimeoutMs = defaults.readTimeoutMs();
        this.budgetSeconds = defaults.targetBudgetSeconds();
        this.concurrency = new ConcurrencyOption(defaults.concurrency());
        this.perHost = defaults.perHost();
        this.rate = defaults.rate();
    }

    /** The settings given, the command's defaults for the others. */
    EngineSettings settings() {
        return new EngineSettings(connectTimeoutMs, readTimeoutMs, budgetSeconds, concurrency.value(), perHost, rate);
    }

    /** The engine's configuration, connecting only within {@code scope}. */
    EngineConfig engine(Scope scope) {
        return settings().engine(scope);
    }
}
