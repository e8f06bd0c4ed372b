package io.tlsweep.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tally counted apart from its {@link EvidenceSummary}: the handshakes its window left out, those it could
 * not place, and whether it ran out of distinct keys.
 *
 * @param since the window's start, when there was one
 * @param outsideWindow handshakes before {@code since}, left out
 * @param withoutVersion handshakes whose input named no version, left out (their count only)
 * @param keys distinct (endpoint, version, client, identity) keys counted
 * @param overflowed handshakes counted in an "other clients" bucket because the key limit was reached
 */
public record TallyNotes(Optional<Instant> since, long outsideWindow, long withoutVersion, long keys,
        long overflowed) {
    public TallyNotes {
        Objects.requireNonNull(since, "since");
    }
}
