package io.tlsweep.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the inputs said, counted: per endpoint the clients per version, the daily series, and what could
 * not be read.
 *
 * @param inputs the inputs read, as named
 * @param observations handshakes seen
 * @param problemCount lines or blocks that could not be read
 * @param problems the first few of them, with input and position
 * @param from the earliest time seen, where inputs have times
 * @param to the latest
 * @param endpoints per endpoint, in a stable order
 * @param daily handshakes per version per day, by day then version
 */
public record EvidenceSummary(List<String> inputs, long observations, long problemCount,
        List<EvidenceProblem> problems, Optional<Instant> from, Optional<Instant> to,
        List<EndpointEvidence> endpoints, List<DailyCount> daily) {
    public EvidenceSummary {
        inputs = List.copyOf(inputs);
        problems = List.copyOf(problems);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        endpoints = List.copyOf(endpoints);
        daily = List.copyOf(daily);
    }
}
