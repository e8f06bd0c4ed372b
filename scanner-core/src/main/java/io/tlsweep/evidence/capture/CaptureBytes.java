package io.tlsweep.evidence.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A window on a capture's bytes as they stream in: looks ahead up to {@link #WINDOW} bytes without consuming them,
 * reads integers in either byte order at a distance from the current position, and counts the offset of every byte
 * from the start. A failing stream reads as its end, with the failure kept for the message.
 */
final class CaptureBytes {
    /** The furthest look-ahead: room for the largest packet read and for a search for the next block. */
    static final int WINDOW = 4 << 20;

    /**
     * The most asked of the stream at once: a read that fails (a gzip cut short) loses what it had read, so it is
     * kept small.
     */
    private static final int CHUNK = 8192;

    private final InputStream in;
    private final byte[] buf = new byte[WINDOW];
    private int pos;
    private int limit;
    private long offset;
    private boolean ended;
    private String failure;

    CaptureBytes(InputStream in) {
        this.in = in;
    }

    /** The offset of the current position from the start of the input. */
    long offset() {
        return offset;
    }

    /** Why the input could not be read to its end, or null when it ended normally (or not yet). */
    String failure() {
        return failure;
    }

    /**
     * Makes up to {@code n} bytes (at most {@link #WINDOW}) available from the current position.
     *
     * @return how many are available: fewer than {@code n} only at the end of the input
     */
    int fill(int n) {
        int want = Math.min(n, WINDOW);
        if (limit - pos >= want) {
            return limit - pos;
        }
        if (pos + want > buf.length) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < want && !ended) {
            try {
                int r = in.read(buf, limit, Math.min(CHUNK, buf.length - limit));
                if (r < 0) {
                    ended = true;
                } else {
                    limit += r;
                }
            } catch (IOException e) {
                ended = true;
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        return limit - pos;
    }

    /** Whether no byte is left. */
    boolean atEnd() {
        return fill(1) == 0;
    }

    /** The byte at {@code at} from the current position (which must be available). */
    int u8(int at) {
        return buf[pos + at] & 0xFF;
    }

    int u16(int at, boolean littleEndian) {
        int a = u8(at);
        int b = u8(at + 1);
        return littleEndian ? b << 8 | a : a << 8 | b;
    }

    long u32(int at, boolean littleEndian) {
        long a = u16(at, littleEndian);
        long b = u16(at + 2, littleEndian);
        return littleEndian ? b << 16 | a : a << 16 | b;
    }

    /** A copy of {@code length} available bytes from {@code at}. */
    byte[] copy(int at, int length) {
        byte[] out = new byte[length];
        System.arraycopy(buf, pos + at, out, 0, length);
        return out;
    }

    /**
     * Consumes {@code n} bytes, reading past the window where needed.
     *
     * @return how many were consumed: fewer than {@code n} only at the end of the input
     */
    long skip(long n) {
        long done = 0;
        while (done < n) {
            int available = fill((int) Math.min(n - done, WINDOW));
            if (available == 0) {
                break;
            }
            int step = (int) Math.min(available, n - done);
            pos += step;
            offset += step;
            done += step;
        }
        return done;
    }
}
