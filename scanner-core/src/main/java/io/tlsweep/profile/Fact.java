package io.tlsweep.profile;

import java.util.List;
import java.util.Objects;

/**
 * One fact of a profile with where it comes from.
 *
 * @param sources keys into the profile file's source table, at least one
 * @param note what a reader must know (a derived list, a row the sources disagree on); empty when none
 */
public record Fact<T>(T value, List<String> sources, Confidence confidence, String note) {
    public Fact {
        Objects.requireNonNull(value, "value");
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a fact needs at least one source");
        }
        Objects.requireNonNull(confidence, "confidence");
        note = note == null ? "" : note;
    }

    /** The same provenance for a value derived from this fact. */
    public <U> Fact<U> derive(U derived) {
        return new Fact<>(derived, sources, confidence, note);
    }
}
