package io.tlsweep.targets;

import java.util.Objects;

/**
 * A flaky front: a plain TCP relay in front of a well-behaved TLS server ({@link #backend()}) that drops
 * {@link #dropped()} connections of every {@link #every()}, as an overloaded proxy or a load balancer with dead
 * members in its pool does. Connections are numbered from 1 in the order the front reads their first bytes; in
 * each run of {@code every} numbers the last {@code dropped} are dropped, so "every other connection" is 1 of 2
 * (2, 4, 6… dropped), "one in ten" 1 of 10, and "answers one in five" 4 of 5 (1, 6, 11… answered). The counter
 * lives as long as the target, so consecutive scans meet the pattern at different places. A dropped connection is
 * read (the hello arrives) and then reset or closed ({@link Drop}) without a byte sent back; every other
 * connection is relayed byte for byte to the backend. What a scanner should find is what the backend serves.
 *
 * @param backend the server behind the front; started on an ephemeral port of the same address
 * @param dropped how many connections of every {@code every} are dropped (at least 1, fewer than {@code every})
 * @param every the length of the pattern
 * @param drop how a dropped connection ends
 */
public record FlakyTargetSpec(String name, String bindAddress, TlsTargetSpec backend, int dropped, int every,
        Drop drop) implements TargetSpec {

    /** How the front ends a connection it drops. */
    public enum Drop {
        /** SO_LINGER 0 and close: the kernel sends RST (what Windows reports as 10054). */
        RESET,
        /** An orderly close (FIN) with nothing sent. */
        CLOSE
    }

    public FlakyTargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(drop, "drop");
        LoopbackAddresses.requireLoopback(bindAddress);
        if (dropped < 1 || dropped >= every) {
            throw new IllegalArgumentException(name + ": drops " + dropped + " of every " + every
                    + " connections; it must drop at least one and answer at least one");
        }
        if (!backend.bindAddress().equals(bindAddress)) {
            throw new IllegalArgumentException(name + ": the backend binds " + backend.bindAddress()
                    + ", the front " + bindAddress + ": one address for both");
        }
    }

    /** A front on the backend's address dropping {@code dropped} connections of every {@code every}. */
    public static FlakyTargetSpec of(String name, TlsTargetSpec backend, int dropped, int every, Drop drop) {
        return new FlakyTargetSpec(name, backend.bindAddress(), backend, dropped, every, drop);
    }

    /** Whether connection {@code n} (from 1) is dropped. */
    public boolean drops(long n) {
        return (n - 1) % every >= every - dropped;
    }
}
