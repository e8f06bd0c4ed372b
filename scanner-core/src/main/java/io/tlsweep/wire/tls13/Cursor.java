package io.tlsweep.wire.tls13;

import java.util.Arrays;

/** Reads a handshake message body front to back; every length is checked against what is left. */
final class Cursor {
    /** The bytes break the format; caught where a message is read and turned into a value. */
    static final class Broken extends Exception {
        Broken(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] buf;
    private final int end;
    private int pos;

    Cursor(byte[] buf) {
        this(buf, 0, buf.length);
    }

    Cursor(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    int u8(String what) throws Broken {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int u16(String what) throws Broken {
        need(2, what);
        int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int u24(String what) throws Broken {
        need(3, what);
        int v = (buf[pos] & 0xFF) << 16 | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    byte[] bytes(int n, String what) throws Broken {
        need(n, what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** A vector with a length prefix of {@code lengthBytes} bytes, as a cursor over its contents. */
    Cursor vector(int lengthBytes, String what) throws Broken {
        int n = switch (lengthBytes) {
            case 1 -> u8(what + " length");
            case 2 -> u16(what + " length");
            default -> u24(what + " length");
        };
        need(n, what);
        Cursor inner = new Cursor(buf, pos, n);
        pos += n;
        return inner;
    }

    byte[] vectorBytes(int lengthBytes, String what) throws Broken {
        return vector(lengthBytes, what).rest();
    }

    boolean hasRemaining() {
        return pos < end;
    }

    byte[] rest() {
        byte[] out = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return out;
    }

    void expectEnd(String what) throws Broken {
        if (pos != end) {
            throw new Broken(what + " has " + (end - pos) + " byte(s) left over");
        }
    }

    private void need(int n, String what) throws Broken {
        if (n < 0 || end - pos < n) {
            throw new Broken(what + ": " + n + " byte(s) wanted, " + (end - pos) + " left");
        }
    }
}
