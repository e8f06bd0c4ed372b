package io.tlsweep.run;

import java.util.Optional;

/**
 * What a finished run reports back to the command.
 *
 * @param targets targets finished (written) in this session
 * @param connections connections made in this session
 * @param failOnMet targets that met a fail-on condition
 * @param unchanged endpoints a re-check found as their baseline says
 * @param unchangedConnections the connections those took
 * @param stopped why the run stopped before its input was exhausted; empty when it ran to the end
 */
public record RunOutcome(long targets, long connections, long failOnMet, double seconds, long unchanged,
        long unchangedConnections, Optional<RunStop.Reason> stopped) {
}
