package io.tlsweep.input;

/**
 * A set of 64-bit keys in one {@code long[]}: open addressing with linear probing, 8 bytes a slot, the table
 * doubled when it is 3/4 full, so it holds 11 to 21 bytes per key (16 MB for a million). Not thread-safe.
 */
public final class KeySet {
    private static final int MAX_BITS = 30;
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private long[] slots;
    private int bits;
    private int size;
    private boolean hasZero;

    public KeySet() {
        bits = 10;
        slots = new long[1 << bits];
    }

    /** Adds {@code key}; true when it was not there yet. */
    public boolean add(long key) {
        if (key == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        int mask = slots.length - 1;
        int i = slot(key);
        while (slots[i] != 0) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        if (++size > slots.length / 4 * 3) {
            grow();
        }
        return true;
    }

    public boolean contains(long key) {
        if (key == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int i = slot(key); slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == key) {
                return true;
            }
        }
        return false;
    }

    /** Keys held. */
    public long size() {
        return size + (hasZero ? 1 : 0);
    }

    /** Bytes of the table (what the set costs). */
    public long tableBytes() {
        return 8L * slots.length;
    }

    /** Fibonacci hashing: the top bits of key × 2^64/φ, so keys differing only in high bits spread too. */
    private int slot(long key) {
        return (int) ((key * GOLDEN) >>> (64 - bits));
    }

    private void grow() {
        if (bits == MAX_BITS) {
            throw new IllegalStateException("more than " + size + " distinct keys: the table cannot grow");
        }
        long[] old = slots;
        bits++;
        slots = new long[1 << bits];
        int mask = slots.length - 1;
        for (long key : old) {
            if (key != 0) {
                int i = slot(key);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
            }
        }
    }
}
