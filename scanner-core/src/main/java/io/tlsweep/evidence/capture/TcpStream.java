package io.tlsweep.evidence.capture;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One direction of a TCP connection put back in order by sequence number, only as far as its first
 * {@link #LIMIT} bytes (where the hellos are): segments may come out of order, twice, or overlapping; what is
 * contiguous from the first byte is {@link #bytes()} up to {@link #length()}. The first byte is the one after the
 * SYN when the SYN was captured, else the first payload byte seen (a segment from before it is dropped).
 */
final class TcpStream {
    /** How much of each direction is kept. */
    static final int LIMIT = 65536;

    private boolean anchored;
    private long first;
    private byte[] data = new byte[0];
    private final BitSet filled = new BitSet();
    private int length;
    private long cutAt = -1;
    private boolean released;

    /** The SYN's sequence number: the stream starts right after it. */
    void syn(long sequence) {
        if (!anchored) {
            anchored = true;
            first = (sequence + 1) & 0xFFFFFFFFL;
        }
    }

    /**
     * Adds a segment's payload.
     *
     * @param cut whether the capture cut the segment short (the bytes after it will be missing)
     * @param offset where its packet is in the capture, for a problem that names it
     * @return whether the contiguous bytes grew
     */
    boolean add(long sequence, byte[] payload, boolean cut, long offset) {
        if (released || payload.length == 0 && !cut) {
            return false;
        }
        if (!anchored) {
            anchored = true;
            first = sequence;
        }
        long relative = (int) ((sequence - first) & 0xFFFFFFFFL); // signed distance, modulo 2^32
        if (cut && cutAt < 0 && relative + payload.length <= LIMIT && relative + payload.length >= length) {
            cutAt = offset;
        }
        if (relative + payload.length <= 0 || relative >= LIMIT) {
            return false; // wholly before the first byte (a repeat) or past what is kept
        }
        int from = (int) Math.max(0, -relative);
        int to = (int) Math.min(payload.length, LIMIT - relative);
        int start = (int) (relative + from);
        int end = (int) (relative + to);
        if (end > data.length) {
            data = Arrays.copyOf(data, Math.min(LIMIT, Math.max(end, Math.max(1024, data.length * 2))));
        }
        System.arraycopy(payload, from, data, start, to - from);
        filled.set(start, end);
        int grown = filled.nextClearBit(length);
        boolean grew = grown > length;
        length = grown;
        return grew;
    }

    /** The bytes from the stream's start; the first {@link #length()} are contiguous. */
    byte[] bytes() {
        return data;
    }

    int length() {
        return length;
    }

    /** Whether no more is kept: its first {@link #LIMIT} bytes are all in. */
    boolean full() {
        return length >= LIMIT;
    }

    /** Where the first segment the capture cut short within the kept bytes was, or -1. */
    long cutAt() {
        return cutAt;
    }

    /** Drops what is kept: nothing more is needed from this direction. */
    void release() {
        released = true;
        data = new byte[0];
        filled.clear();
    }

    /** How many bytes it holds, for the flow table's budget. */
    int held() {
        return data.length;
    }
}
