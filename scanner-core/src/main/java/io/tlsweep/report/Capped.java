package io.tlsweep.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * At most {@code limit} of the items added, and how many were added in all ("and N more"): the first ones, or, when
 * {@link #ranked ranked}, the first in an order (ties in the order they came), so a cap never drops a severe item
 * for a mild one that came earlier.
 */
public final class Capped<T> {
    private final int limit;
    private final Comparator<? super T> order;
    private final List<T> kept = new ArrayList<>();
    private long total;

    /** The first {@code limit} items added. */
    public Capped(int limit) {
        this(limit, null);
    }

    private Capped(int limit, Comparator<? super T> order) {
        this.limit = limit;
        this.order = order;
    }

    /** The {@code limit} items first in {@code order}, kept in that order; equal ones in the order they came. */
    public static <T> Capped<T> ranked(int limit, Comparator<? super T> order) {
        return new Capped<>(limit, order);
    }

    public void add(T item) {
        total++;
        if (order == null) {
            if (kept.size() < limit) {
                kept.add(item);
            }
            return;
        }
        int at = kept.size();
        while (at > 0 && order.compare(kept.get(at - 1), item) > 0) {
            at--;
        }
        if (at < limit) {
            kept.add(at, item);
            if (kept.size() > limit) {
                kept.remove(kept.size() - 1);
            }
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
