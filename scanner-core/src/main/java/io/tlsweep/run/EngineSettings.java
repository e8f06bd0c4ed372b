package io.tlsweep.run;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.ServiceLimits;
import io.tlsweep.input.Scope;
import java.time.Duration;
import java.util.Map;

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
     * The engine's configuration with these settings, connecting only within {@code scope}, with no limits of
     * any protocol's own ({@code demo}: the farm's values).
     *
     * @throws IllegalArgumentException for a value the engine refuses
     */
    public EngineConfig engine(Scope scope) {
        return engine(scope, Map.of());
    }

    /**
     * As {@link #engine(Scope)}, with the limits of each protocol spoken before TLS on top of these
     * ({@link io.tlsweep.scan.PreludePoliteness}, less those of the settings the user gave).
     */
    public EngineConfig engine(Scope scope, Map<String, ServiceLimits> services) {
        return EngineConfig.builder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .readTimeout(Duration.ofMillis(readTimeoutMs))
                .targetBudget(Duration.ofSeconds(targetBudgetSeconds))
                .maxInFlight(concurrency)
                .perHostConnections(perHost)
                .perHostRate(rate)
                .scope(scope)
                .services(services)
                .build();
    }
}
