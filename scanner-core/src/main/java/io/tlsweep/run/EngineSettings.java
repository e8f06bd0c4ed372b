package io.tlsweep.run;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Scope;
import java.time.Duration;

/**
 * The engine settings a user gives: the options of {@code scan} and {@code demo}, the {@code scan:} keys of a
 * sweep file. Each has the same default in both places ({@link #DEFAULTS}); their limits are in
 * {@link SettingValues}.
 *
 * @param connectTimeoutMs TCP connect timeout
 * @param readTimeoutMs the whole time allowed for a server's answer to one hello
 * @param targetBudgetSeconds the time allowed for one target
 * @param concurrency connections in flight over all hosts
 * @param perHost connections in flight to one address
 * @param rate hellos per second to one address; 0 is no limit
 */
public record EngineSettings(long connectTimeoutMs, long readTimeoutMs, long targetBudgetSeconds, int concurrency,
        int perHost, double rate) {

    /** What {@code scan} and a sweep use when nothing is said. */
    public static final EngineSettings DEFAULTS = new EngineSettings(3000, 5000, 120, 256, 4, 0);

    /**
     * The engine's configuration with these settings, connecting only within {@code scope}.
     *
     * @throws IllegalArgumentException for a value the engine refuses
     */
    public EngineConfig engine(Scope scope) {
        return EngineConfig.builder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .readTimeout(Duration.ofMillis(readTimeoutMs))
                .targetBudget(Duration.ofSeconds(targetBudgetSeconds))
                .maxInFlight(concurrency)
                .perHostConnections(perHost)
                .perHostRate(rate)
                .scope(scope)
                .build();
    }
}
