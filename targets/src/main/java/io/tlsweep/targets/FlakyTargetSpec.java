package io.tlsweep.targets;

import java.util.Objects;

/**
 * A flaky front: a plain TCP relay in front of a well-behaved TLS server ({@link #backend()}) that drops one
 * connection in {@link #dropEvery()}, as an overloaded proxy or a load balancer with a dead member in its
 * pool does. Connections are numbered from 1 in the order the front reads their first bytes; connection n
 * is dropped when n is a multiple of {@code dropEvery}, so "every other connection" is {@code dropEvery = 2}.
 * The counter lives as long as the target, so consecutive scans meet the pattern at different places. A
 * dropped connection is read (the hello arrives) and then reset or closed ({@link Drop}) without a byte
 * sent back; every other connection is relayed byte for byte to the backend. What a scanner should find is
 * exactly what the backend serves.
 *
 * @param backend the server behind the front; started on an ephemeral port of the same address
 * @param dropEvery one connection in this many is dropped (at least 2)
 * @param drop how a dropped connection ends
 */
public record FlakyTargetSpec(String name, String bindAddress, TlsTargetSpec backend, int dropEvery, Drop drop)
        implements TargetSpec {

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
        if (dropEvery < 2) {
            throw new IllegalArgumentException(name + ": dropEvery must be at least 2 (1 would drop everything): "
                    + dropEvery);
        }
        if (!backend.bindAddress().equals(bindAddress)) {
            throw new IllegalArgumentException(name + ": the backend binds " + backend.bindAddress()
                    + ", the front " + bindAddress + ": one address for both");
        }
    }

    /** A front on the backend's address. */
    public static FlakyTargetSpec of(String name, TlsTargetSpec backend, int dropEvery, Drop drop) {
        return new FlakyTargetSpec(name, backend.bindAddress(), backend, dropEvery, drop);
    }
}
