package io.tlsweep.prelude.tds;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The PRELOGIN message body ([MS-TDS] 2.2.6.5): a table of options (token, offset and length as big-endian
 * u16, offsets from the start of the body) ended by 0xFF, then the options' data. Pure.
 */
final class Prelogin {
    static final int VERSION = 0x00;
    static final int ENCRYPTION = 0x01;
    static final int INSTOPT = 0x02;
    static final int THREADID = 0x03;
    static final int MARS = 0x04;
    static final int TERMINATOR = 0xFF;

    private Prelogin() {
    }

    /** What reading a server's PRELOGIN body gave. */
    sealed interface Parsed {
    }

    /** What a server's PRELOGIN response holds, as far as the prelude reads it. */
    record Response(Optional<SqlServerVersion> version, Optional<Integer> encryption) implements Parsed {
    }

    /** A PRELOGIN response that breaks the structure, and how. */
    record Broken(String reason) implements Parsed {
    }

    /**
     * The client's PRELOGIN body: VERSION 0.0.0.0 (nothing about this client), ENCRYPTION {@code encryption},
     * INSTOPT empty (any instance), THREADID 0, MARS off.
     */
    static byte[] request(Encryption encryption) {
        int[] tokens = {VERSION, ENCRYPTION, INSTOPT, THREADID, MARS};
        byte[][] data = {new byte[6], {(byte) encryption.value()}, {0}, new byte[4], {0}};
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        int at = tokens.length * 5 + 1;
        for (int i = 0; i < tokens.length; i++) {
            table.writeBytes(new byte[] {(byte) tokens[i], (byte) (at >> 8), (byte) at, 0, (byte) data[i].length});
            values.writeBytes(data[i]);
            at += data[i].length;
        }
        table.write(TERMINATOR);
        table.writeBytes(values.toByteArray());
        return table.toByteArray();
    }

    /** Reads a server's PRELOGIN body: a {@link Response}, or a {@link Broken} saying where it breaks. */
    static Parsed response(byte[] body) {
        Optional<SqlServerVersion> version = Optional.empty();
        Optional<Integer> encryption = Optional.empty();
        int at = 0;
        while (true) {
            if (at >= body.length) {
                return new Broken("the option table has no terminator (0xff) within its " + body.length + " bytes");
            }
            int token = body[at] & 0xFF;
            if (token == TERMINATOR) {
                break;
            }
            if (at + 5 > body.length) {
                return new Broken("option 0x" + Integer.toHexString(token) + " at byte " + at + " is cut short");
            }
            int offset = (body[at + 1] & 0xFF) << 8 | (body[at + 2] & 0xFF);
            int length = (body[at + 3] & 0xFF) << 8 | (body[at + 4] & 0xFF);
            if (offset + length > body.length) {
                return new Broken(String.format("option 0x%02x says %d bytes at %d, beyond the %d bytes of the"
                        + " message", token, length, offset, body.length));
            }
            if (token == VERSION && length >= 6) {
                version = Optional.of(new SqlServerVersion(body[offset] & 0xFF, body[offset + 1] & 0xFF,
                        (body[offset + 2] & 0xFF) << 8 | (body[offset + 3] & 0xFF),
                        (body[offset + 4] & 0xFF) << 8 | (body[offset + 5] & 0xFF)));
            } else if (token == ENCRYPTION && length >= 1) {
                encryption = Optional.of(body[offset] & 0xFF);
            }
            at += 5;
        }
        return new Response(version, encryption);
    }
}
