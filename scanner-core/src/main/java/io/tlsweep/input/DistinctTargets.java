package io.tlsweep.input;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A run's targets with every endpoint once: a target whose {@link EndpointIdentity} came before (the same
 * line twice, an address listed alone and inside a CIDR range) is dropped and counted, never scanned. The
 * input still streams: what grows is a {@link KeySet} of the endpoints seen, 11-21 bytes each.
 *
 * <p>With a limit, the targets stop after that many distinct endpoints, and {@link #limitReached()} tells
 * whether more were there. Not thread-safe: one consumer pulls.
 */
public final class DistinctTargets implements Iterator<Target> {
    private final Iterator<Target> targets;
    private final long limit;
    private final KeySet seen = new KeySet();
    private long duplicates;
    private boolean limitReached;
    private Target next;

    public DistinctTargets(Iterator<Target> targets) {
        this(targets, Long.MAX_VALUE);
    }

    /** @param limit the most distinct endpoints handed out */
    public DistinctTargets(Iterator<Target> targets, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative");
        }
        this.targets = Objects.requireNonNull(targets, "targets");
        this.limit = limit;
    }

    /**
     * Counts the distinct endpoints of {@code targets}, reading no further than the first one past
     * {@code limit}: a count above {@code limit} means "more than the limit", not how many more.
     */
    public static long countUpTo(Iterator<Target> targets, long limit) {
        DistinctTargets distinct = new DistinctTargets(targets, limit);
        while (distinct.hasNext()) {
            distinct.next();
        }
        return distinct.distinct() + (distinct.limitReached() ? 1 : 0);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !limitReached && targets.hasNext()) {
            Target t = targets.next();
            long key = EndpointIdentity.key(t);
            if (seen.contains(key)) {
                duplicates++;
            } else if (seen.size() == limit) {
                limitReached = true;
            } else {
                seen.add(key);
                next = t;
            }
        }
        return next != null;
    }

    @Override
    public Target next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Target t = next;
        next = null;
        return t;
    }

    /** Distinct endpoints handed out so far. */
    public long distinct() {
        return seen.size();
    }

    /** Targets dropped because their endpoint came before. */
    public long duplicates() {
        return duplicates;
    }

    /** Whether a distinct endpoint past the limit was met (and not handed out). */
    public boolean limitReached() {
        return limitReached;
    }
}
