package io.tlsweep.probe;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which optional checks a run sends (the active checks: Heartbleed, TLS_FALLBACK_SCSV...): those on by default, or
 * exactly the ones the user named ({@code --checks LIST}), or none ({@code --no-checks}). The checks that are not
 * optional (the scan, the re-check, the client profiles' hellos, the per-service checks) run whatever it says.
 * Names are checked against the registry where the user gives them, not here.
 *
 * @param named the ids of the optional checks to run; empty for those on by default
 */
public record CheckSelection(Optional<Set<String>> named) {
    /** The optional checks that are on by default: the cheap ones. */
    public static final CheckSelection DEFAULT = new CheckSelection(Optional.empty());

    public CheckSelection {
        named = named.map(ids -> Set.copyOf(new TreeSet<>(ids)));
    }

    /** No optional check: the scan alone. */
    public static CheckSelection none() {
        return new CheckSelection(Optional.of(Set.of()));
    }

    /** Exactly the optional checks with these ids. */
    public static CheckSelection only(Collection<String> ids) {
        return new CheckSelection(Optional.of(Set.copyOf(ids)));
    }

    /** Whether the optional check {@code id} runs, given whether it is on by default. */
    public boolean runs(String id, boolean onByDefault) {
        return named.map(ids -> ids.contains(id)).orElse(onByDefault);
    }

    /** "default", "none" or the ids, comma-separated in alphabetical order. */
    @Override
    public String toString() {
        return named.map(ids -> ids.isEmpty() ? "none" : String.join(",", new TreeSet<>(ids))).orElse("default");
    }
}
