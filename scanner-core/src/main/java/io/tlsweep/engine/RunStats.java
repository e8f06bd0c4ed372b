package io.tlsweep.engine;

import java.util.Map;

/**
 * Totals of one {@link ScanEngine#run}: targets handed to the sink, how many ended other than done,
 * connections made, hellos per outcome class label ("hello", "alert", "read-timeout", ...; steps completed
 * without a connection are not counted here), and the wall time.
 */
public record RunStats(long targets, long targetFailures, long connections, Map<String, Long> hellosByOutcome,
        long elapsedNanos) {
    public RunStats {
        hellosByOutcome = Map.copyOf(hellosByOutcome);
    }

    public long hellos(String outcomeLabel) {
        return hellosByOutcome.getOrDefault(outcomeLabel, 0L);
    }
}
