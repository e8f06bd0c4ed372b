package io.tlsweep.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an endpoint's result that checks contributed, each under its check's {@link PartKey}, in the
 * order the checks ran. A new fact about an endpoint goes here, as its check's part, instead of into another
 * component of {@link TargetResult}. Immutable.
 */
public final class CheckParts {
    /** No check contributed a part. */
    public static final CheckParts NONE = new CheckParts(Map.of());

    /**
     * One check's part and the connections its plan opened for it.
     *
     * @param value an immutable value of the key's type
     */
    public record Entry<P>(PartKey<P> key, P value, int connections) {
        public Entry {
            if (!key.type().isInstance(value)) {
                throw new IllegalArgumentException("check " + key.id() + ": a part of type "
                        + (value == null ? "null" : value.getClass().getName()) + ", not " + key.type().getName());
            }
            if (connections < 0) {
                throw new IllegalArgumentException("check " + key.id() + ": negative connections " + connections);
            }
        }
    }

    private final Map<String, Entry<?>> entries;

    private CheckParts(Map<String, Entry<?>> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** These parts and {@code part} under {@code key} (replacing a part of the same check). */
    public <P> CheckParts with(PartKey<P> key, P part, int connections) {
        Map<String, Entry<?>> more = new LinkedHashMap<>(entries);
        Entry<P> entry = new Entry<>(key, part, connections);
        Entry<?> before = more.get(key.id());
        if (before != null && !before.key().equals(key)) {
            throw new IllegalArgumentException("check " + key.id() + ": a part of type " + key.type().getName()
                    + " where one of " + before.key().type().getName() + " is");
        }
        more.put(key.id(), entry);
        return new CheckParts(more);
    }

    /** The part of the check with {@code key}, when it contributed one. */
    public <P> Optional<P> get(PartKey<P> key) {
        Entry<?> e = entries.get(key.id());
        return e == null || !e.key().equals(key) ? Optional.empty() : Optional.of(key.type().cast(e.value()));
    }

    /** Every part, in the order the checks ran. */
    public List<Entry<?>> entries() {
        return List.copyOf(entries.values());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckParts p && p.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.values().toString();
    }
}
