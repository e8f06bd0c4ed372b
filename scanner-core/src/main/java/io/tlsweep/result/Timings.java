package io.tlsweep.result;

/**
 * Times of one connection, in nanoseconds from the start of the connect; -1 where the stage was not
 * reached.
 */
public record Timings(long connectNanos, long firstByteNanos, long totalNanos) {
    public static final Timings NONE = new Timings(-1, -1, -1);
}
