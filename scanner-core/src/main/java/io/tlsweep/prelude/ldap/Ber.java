package io.tlsweep.prelude.ldap;

/**
 * A strict reader of the BER that LDAP speaks (RFC 4511 section 5.1): one-byte tags (no high tag numbers),
 * definite lengths only, in the short form or a long form of 1 to 4 bytes, never past the bytes given. Static,
 * pure, and never throwing: what it cannot read is a {@link Header.Malformed} or a {@link Header.NeedMore}. And the
 * little writing the client's requests need ({@link #element}): definite lengths, in the shortest form.
 */
final class Ber {
    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int ENUMERATED = 0x0A;
    static final int OCTET_STRING = 0x04;
    static final int BOOLEAN = 0x01;
    static final int SET = 0x31;

    private Ber() {
    }

    /** What {@link #header} found. */
    sealed interface Header {
        /** The bytes given end inside the tag and length. */
        record NeedMore() implements Header {
        }

        /** The tag or length breaks the rules above. */
        record Malformed(String reason) implements Header {
        }

        /**
         * A tag and length: the value starts at {@code valueStart} and is {@code valueLength} bytes long (not
         * necessarily all present yet).
         */
        record Element(int tag, int valueStart, int valueLength) implements Header {
            int end() {
                return valueStart + valueLength;
            }
        }
    }

    /** The tag and length at {@code offset}, reading no byte at or after {@code limit}. */
    static Header header(byte[] in, int offset, int limit) {
        if (offset >= limit) {
            return new Header.NeedMore();
        }
        int tag = in[offset] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            return new Header.Malformed(String.format("a high tag number (tag byte 0x%02X)", tag));
        }
        if (offset + 1 >= limit) {
            return new Header.NeedMore();
        }
        int first = in[offset + 1] & 0xFF;
        if (first < 0x80) {
            return new Header.Element(tag, offset + 2, first);
        }
        int count = first & 0x7F;
        if (count == 0) {
            return new Header.Malformed("an indefinite length, which LDAP does not allow");
        }
        if (count > 4) {
            return new Header.Malformed("a length of " + count + " bytes");
        }
        if (offset + 2 + count > limit) {
            return new Header.NeedMore();
        }
        long length = 0;
        for (int i = 0; i < count; i++) {
            length = length << 8 | in[offset + 2 + i] & 0xFF;
        }
        if (length > Integer.MAX_VALUE - offset - 6) {
            return new Header.Malformed("a length of " + length + " bytes");
        }
        return new Header.Element(tag, offset + 2 + count, (int) length);
    }

    /**
     * A non-negative INTEGER or ENUMERATED value of 1 to 4 bytes (two's complement), or -1 when it is empty,
     * longer, or negative.
     */
    static long nonNegative(byte[] in, Header.Element e) {
        if (e.valueLength() < 1 || e.valueLength() > 4 || (in[e.valueStart()] & 0x80) != 0) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < e.valueLength(); i++) {
            value = value << 8 | in[e.valueStart() + i] & 0xFF;
        }
        return value;
    }

    /** One element: {@code tag}, the length of {@code parts} together (short form under 128, else long), then them. */
    static byte[] element(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        int lengthBytes = length < 0x80 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
        byte[] out = new byte[2 + lengthBytes + length];
        out[0] = (byte) tag;
        out[1] = (byte) (lengthBytes == 0 ? length : 0x80 | lengthBytes);
        for (int i = 0; i < lengthBytes; i++) {
            out[2 + i] = (byte) (length >>> 8 * (lengthBytes - 1 - i));
        }
        int at = 2 + lengthBytes;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** An OCTET STRING (or an element of another tag) holding {@code text} in UTF-8. */
    static byte[] text(int tag, String text) {
        return element(tag, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A small non-negative INTEGER or ENUMERATED (0 to 127), in one byte. */
    static byte[] small(int tag, int value) {
        if (value < 0 || value > 0x7F) {
            throw new IllegalArgumentException("not a one-byte value: " + value);
        }
        return element(tag, new byte[] {(byte) value});
    }
}
