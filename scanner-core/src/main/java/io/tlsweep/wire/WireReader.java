package io.tlsweep.wire;

/**
 * A bounds-checked cursor over a byte range. Every read checks the remaining length; a structure that
 * runs short or breaks a rule throws {@link DecodeError}, which the public decoders catch at their
 * boundary and turn into a value ("malformed"). Nothing thrown here escapes the package.
 */
final class WireReader {

    /** Raised when a structure claims more bytes than its range holds, or breaks a rule of its format. */
    static final class DecodeError extends Exception {
        DecodeError(String what) {
            super(what, null, false, false);
        }
    }

    private final byte[] buf;
    private int pos;
    private final int end;

    WireReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    int remaining() {
        return end - pos;
    }

    boolean hasRemaining() {
        return pos < end;
    }

    int position() {
        return pos;
    }

    int u8(String what) throws DecodeError {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int u16(String what) throws DecodeError {
        need(2, what);
        int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int u24(String what) throws DecodeError {
        need(3, what);
        int v = (buf[pos] & 0xFF) << 16 | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    byte[] bytes(int n, String what) throws DecodeError {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    void skip(int n, String what) throws DecodeError {
        need(n, what);
        pos += n;
    }

    /** A sub-reader over the next {@code n} bytes; this reader moves past them. */
    WireReader sub(int n, String what) throws DecodeError {
        need(n, what);
        WireReader r = new WireReader(buf, pos, n);
        pos += n;
        return r;
    }

    /** A sub-reader over a vector with a {@code width}-byte length prefix (1, 2 or 3). */
    WireReader vector(int width, String what) throws DecodeError {
        int n = switch (width) {
            case 1 -> u8(what + " length");
            case 2 -> u16(what + " length");
            default -> u24(what + " length");
        };
        return sub(n, what);
    }

    byte[] vectorBytes(int width, String what) throws DecodeError {
        WireReader v = vector(width, what);
        return v.bytes(v.remaining(), what);
    }

    void expectEnd(String what) throws DecodeError {
        if (pos != end) {
            throw new DecodeError(what + ": " + (end - pos) + " unexpected trailing bytes");
        }
    }

    private void need(int n, String what) throws DecodeError {
        if (n < 0 || end - pos < n) {
            throw new DecodeError(what + ": needs " + n + " bytes, " + (end - pos) + " left");
        }
    }
}
