package io.tlsweep.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Structured values taken from fuzzer bytes, for fuzz tests that build a value rather than parse bytes:
 * numbers from the end, byte runs from the front (as libFuzzer's FuzzedDataProvider does), so mutating one
 * part leaves the other in place. When the bytes run out, numbers are the smallest allowed and runs empty.
 */
public final class FuzzBytes {
    private final byte[] data;
    private int front;
    private int back;

    public FuzzBytes(byte[] data) {
        this.data = data;
        this.back = data.length;
    }

    /** A number in {@code [min, max]}. */
    public int intIn(int min, int max) {
        long range = (long) max - min;
        long value = 0;
        for (int shift = 0; shift < 32 && (range >>> shift) > 0 && back > front; shift += 8) {
            value = value << 8 | (data[--back] & 0xFF);
        }
        return (int) (min + value % (range + 1));
    }

    public int u16() {
        return intIn(0, 0xFFFF);
    }

    public boolean bool() {
        return intIn(0, 1) == 1;
    }

    /** Up to {@code max} bytes from the front. */
    public byte[] bytes(int max) {
        int n = Math.min(intIn(0, max), back - front);
        byte[] out = Arrays.copyOfRange(data, front, front + n);
        front += n;
        return out;
    }

    /** Exactly {@code n} bytes from the front, zeros where the bytes run out. */
    public byte[] exactly(int n) {
        int available = Math.min(n, back - front);
        byte[] out = Arrays.copyOf(Arrays.copyOfRange(data, front, front + available), n);
        front += available;
        return out;
    }

    /** A string from up to {@code max} bytes read as UTF-8 (malformed bytes become U+FFFD). */
    public String string(int max) {
        return new String(bytes(max), StandardCharsets.UTF_8);
    }
}
