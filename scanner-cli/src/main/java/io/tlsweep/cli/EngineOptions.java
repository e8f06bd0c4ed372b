package io.tlsweep.cli;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.ServiceLimits;
import io.tlsweep.input.Scope;
import io.tlsweep.run.EngineSettings;
import io.tlsweep.scan.PreludePoliteness;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The engine options of the commands that scan ({@code scan}, {@code demo}): timeouts, the target budget, the
 * global and per-host caps and the per-host rate, each with the command's default. A sweep file's {@code scan:}
 * keys are the same settings, with the same limits ({@link Bounds}). For {@code scan}, each protocol spoken before
 * TLS keeps its own limits too ({@link PreludePoliteness}), but not those whose option is given: a value given holds
 * for every endpoint. The descriptions name those limits (a test holds them to the table).
 */
final class EngineOptions {
    static final String PER_HOST = "--per-host";
    static final String RATE = "--rate";
    static final String READ_TIMEOUT = "--read-timeout";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private final boolean preludeLimits;

    @Option(names = "--connect-timeout", paramLabel = "MS", converter = Bounds.Millis.class,
            description = "TCP connect timeout in ms (default: ${DEFAULT-VALUE}).")
    private long connectTimeoutMs;

    @Option(names = READ_TIMEOUT, paramLabel = "MS", converter = Bounds.Millis.class,
            description = "Time allowed for a server's answer to one hello, in ms (default: ${DEFAULT-VALUE}). Not"
                    + " given, `scan` and sweeps allow each answer before TLS its protocol's own time: 15000 for"
                    + " smtp, lmtp; 10000 for imap, pop3, sieve, ftp, nntp, xmpp, xmpp-server, ldap, postgres,"
                    + " mysql, mssql, mssql-strict, rdp.")
    private long readTimeoutMs;

    @Option(names = "--target-budget", paramLabel = "S", converter = Bounds.Seconds.class,
            description = "Time allowed for one target, in seconds (default: ${DEFAULT-VALUE}).")
    private long budgetSeconds;

    @Mixin
    private ConcurrencyOption concurrency;

    @Option(names = PER_HOST, paramLabel = "N", converter = Bounds.AtLeastOne.class,
            description = "Connections in flight to one address, whatever the port (default: ${DEFAULT-VALUE})."
                    + " Not given, `scan` and sweeps also cap each protocol's connections to one address (all its"
                    + " ports): 2 for smtp, lmtp, rdp; 3 for imap, pop3, sieve, ftp, nntp, xmpp, xmpp-server; 4 for"
                    + " ldap, postgres, mysql, mssql, mssql-strict.")
    private int perHost;

    @Option(names = RATE, paramLabel = "HELLOS/S", converter = Bounds.Rate.class,
            description = "Hellos (new connections) per second to one address; 0 = no limit (default:"
                    + " ${DEFAULT-VALUE}). Not given, `scan` and sweeps also keep each protocol's own rate to one"
                    + " address: 2 for smtp, lmtp, rdp; 3 for imap, pop3, sieve, ftp, nntp, xmpp, xmpp-server; 4 for"
                    + " ldap, postgres, mysql, mssql, mssql-strict.")
    private double rate;

    /**
     * @param defaults the command's defaults, shown in its help
     * @param preludeLimits whether each protocol's own limits apply where their option is not given
     */
    EngineOptions(EngineSettings defaults, boolean preludeLimits) {
        this.preludeLimits = preludeLimits;
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
        if (!preludeLimits) {
            return settings().engine(scope);
        }
        return settings().engine(scope, services());
    }

    /** Each protocol's own limits, less those whose option was given on the command line. */
    Map<String, ServiceLimits> services() {
        return PreludePoliteness.unless(given(PER_HOST), given(RATE), given(READ_TIMEOUT));
    }

    private boolean given(String option) {
        return command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(option);
    }
}
