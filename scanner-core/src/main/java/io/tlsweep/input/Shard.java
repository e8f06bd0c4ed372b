package io.tlsweep.input;

/**
 * Shard {@code index} of {@code count}: keeps the targets whose stable hash modulo {@code count} is
 * {@code index}, so N scanners given the same input and shards 0..N-1 split it exactly, with no
 * coordination and no memory.
 *
 * <p>The hash is fixed forever (changing it moves targets between shards of a running sweep): 64-bit
 * FNV-1a over the UTF-8 bytes of {@code host:port}, host lower-cased and without a trailing dot, then
 * murmur3's fmix64 finaliser so that the low bits are well mixed, taken modulo {@code count} unsigned.
 * SNI and origin do not count: the same endpoint lands in the same shard whichever line names it.
 */
public record Shard(int index, int count) {
    /** Everything in one shard. */
    public static final Shard ALL = new Shard(0, 1);

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count
                    + ": need count >= 1 and 0 <= index < count");
        }
    }

    public boolean contains(Target target) {
        return count == 1 || Long.remainderUnsigned(hash(target), count) == index;
    }

    /** The stable hash of a target's {@code host:port}. */
    public static long hash(Target target) {
        return hash(target.host(), target.port());
    }

    static long hash(String host, int port) {
        long h = FNV_OFFSET;
        int end = host.endsWith(".") ? host.length() - 1 : host.length();
        for (int i = 0; i < end; i++) {
            // hosts are ASCII by construction (names are LDH, literals canonical): one char, one byte
            char c = host.charAt(i);
            h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * FNV_PRIME;
        }
        h = (h ^ ':') * FNV_PRIME;
        String digits = Integer.toString(port);
        for (int i = 0; i < digits.length(); i++) {
            h = (h ^ digits.charAt(i)) * FNV_PRIME;
        }
        return EndpointIdentity.fmix64(h);
    }
}
