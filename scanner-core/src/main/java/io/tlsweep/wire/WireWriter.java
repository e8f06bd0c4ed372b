package io.tlsweep.wire;

import java.util.Arrays;

/**
 * Appends TLS wire structures to a growable byte array. Length prefixes are written as place holders
 * with {@link #openLength(int)} and filled in by {@link #closeLength(int)} once the body is known.
 */
final class WireWriter {
    private byte[] buf;
    private int size;

    WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void u24(int v) {
        ensure(3);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void zeros(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
    }

    /** Reserves a length prefix of {@code width} bytes (1, 2 or 3) and returns its position. */
    int openLength(int width) {
        int at = size;
        ensure(width);
        size += width;
        return at | (width << 28);
    }

    /** Fills in a prefix opened by {@link #openLength(int)} with the number of bytes written since. */
    void closeLength(int handle) {
        int width = handle >>> 28;
        int at = handle & 0x0FFFFFFF;
        int len = size - at - width;
        int max = (1 << (8 * width)) - 1;
        if (len > max) {
            throw new IllegalArgumentException("structure of " + len + " bytes exceeds a " + width + "-byte length");
        }
        for (int i = width - 1; i >= 0; i--) {
            buf[at + i] = (byte) len;
            len >>>= 8;
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    byte[] array() {
        return buf;
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
