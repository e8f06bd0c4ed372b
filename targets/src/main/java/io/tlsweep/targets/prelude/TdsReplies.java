package io.tlsweep.targets.prelude;

import io.tlsweep.targets.TdsTargetSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the scripted SQL Server front writes ([MS-TDS]): its PRELOGIN response, the LOGINACK and DONE tokens that
 * accept a login, and the DONE that answers any other request, each in one tabular-result packet (type 0x04).
 * Written here from the specification, independently of the scanner's codec.
 */
final class TdsReplies {
    static final int PRELOGIN = 0x12;
    static final int LOGIN7 = 0x10;
    private static final int TABULAR_RESULT = 0x04;
    private static final int ENCRYPTION = 0x01;
    private static final int LOGINACK = 0xAD;
    private static final int DONE = 0xFD;
    private static final int TSQL = 0x01;
    /** TDS 7.2, from which DONE's row count is eight bytes. */
    private static final long TDS72 = 0x72090002L;
    private static final String PROGRAM = "tlsweep TDS front";

    private TdsReplies() {
    }

    /**
     * PRELOGIN response: VERSION {@code major.minor.build} (build big-endian, sub-build 0), ENCRYPTION
     * {@code answer}, INSTOPT 0 (the instance is accepted), THREADID empty, MARS 0.
     */
    static byte[] preloginResponse(TdsTargetSpec spec, TdsTargetSpec.Encryption answer) {
        byte[][] values = {{(byte) spec.major(), (byte) spec.minor(), (byte) (spec.build() >> 8), (byte) spec.build(),
            0, 0}, {(byte) answer.value()}, {0}, {}, {0}};
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = values.length * 5 + 1;
        for (int token = 0; token < values.length; token++) {
            table.writeBytes(new byte[] {(byte) token, (byte) (at >> 8), (byte) at, 0, (byte) values[token].length});
            data.writeBytes(values[token]);
            at += values[token].length;
        }
        table.write(0xFF);
        table.writeBytes(data.toByteArray());
        return packet(table.toByteArray());
    }

    /** The client's ENCRYPTION in its PRELOGIN body, OFF when it sent none or the table is broken. */
    static TdsTargetSpec.Encryption clientEncryption(byte[] body) {
        for (int at = 0; at + 5 <= body.length && (body[at] & 0xFF) != 0xFF; at += 5) {
            int offset = (body[at + 1] & 0xFF) << 8 | (body[at + 2] & 0xFF);
            int length = (body[at + 3] & 0xFF) << 8 | (body[at + 4] & 0xFF);
            if ((body[at] & 0xFF) == ENCRYPTION && length >= 1 && offset < body.length) {
                int value = body[offset] & 0x0F;
                return value < TdsTargetSpec.Encryption.values().length ? TdsTargetSpec.Encryption.values()[value]
                        : TdsTargetSpec.Encryption.ON;
            }
        }
        return TdsTargetSpec.Encryption.OFF;
    }

    /**
     * LOGINACK (SQL_TSQL, the TDS version the LOGIN7 asked for, this front's name and {@code spec}'s version)
     * then DONE (final), accepting any login.
     */
    static byte[] loginAccepted(TdsTargetSpec spec, byte[] login7) {
        long version = login7.length >= 8 ? (login7[4] & 0xFFL) | (login7[5] & 0xFFL) << 8 | (login7[6] & 0xFFL) << 16
                | (login7[7] & 0xFFL) << 24 : TDS72;
        byte[] name = PROGRAM.getBytes(StandardCharsets.UTF_16LE);
        int length = 1 + 4 + 1 + name.length + 4;
        ByteArrayOutputStream tokens = new ByteArrayOutputStream();
        tokens.writeBytes(new byte[] {(byte) LOGINACK, (byte) length, (byte) (length >> 8), TSQL,
            (byte) (version >> 24), (byte) (version >> 16), (byte) (version >> 8), (byte) version,
            (byte) PROGRAM.length()});
        tokens.writeBytes(name);
        tokens.writeBytes(new byte[] {(byte) spec.major(), (byte) spec.minor(), (byte) (spec.build() >> 8),
            (byte) spec.build()});
        tokens.writeBytes(done(version >= TDS72));
        return packet(tokens.toByteArray());
    }

    /** DONE (final, no rows) in a packet: the answer to any request after the login. */
    static byte[] done() {
        return packet(done(true));
    }

    /** DONE: status 0 (final), current command 0, a row count of 0 in eight bytes from TDS 7.2, four before. */
    private static byte[] done(boolean longCount) {
        byte[] done = new byte[longCount ? 13 : 9];
        done[0] = (byte) DONE;
        return done;
    }

    private static byte[] packet(byte[] payload) {
        int length = 8 + payload.length;
        byte[] packet = new byte[length];
        packet[0] = TABULAR_RESULT;
        packet[1] = 0x01;
        packet[2] = (byte) (length >> 8);
        packet[3] = (byte) length;
        packet[6] = 1;
        System.arraycopy(payload, 0, packet, 8, payload.length);
        return packet;
    }
}
