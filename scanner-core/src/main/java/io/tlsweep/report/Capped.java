package io.tlsweep.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The first {@code limit} items added, and how many were added in all ("and N more"). */
public final class Capped<T> {
    private final int limit;
    private final List<T> kept = new ArrayList<>();
    private long total;

    public Capped(int limit) {
        this.limit = limit;
    }

    public void add(T item) {
        total++;
        if (kept.size() < limit) {
            kept.add(item);
        }
    }

    public List<T> kept() {
        return Collections.unmodifiableList(kept);
    }

    public long total() {
        return total;
    }

    /** How many were added but not kept. */
    public long more() {
        return total - kept.size();
    }
}
