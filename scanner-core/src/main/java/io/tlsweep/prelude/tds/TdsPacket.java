package io.tlsweep.prelude.tds;

import java.io.ByteArrayOutputStream;

/**
 * The TDS packet header ([MS-TDS] 2.2.3): type, status (bit 0x01: the last packet of a message), the packet's
 * length including the 8-byte header as a big-endian u16, SPID, packet id, window. Pure constants and the one
 * encoder the prelude and the framing share.
 */
final class TdsPacket {
    static final int HEADER = 8;
    /** PRELOGIN: the client's PRELOGIN message, and the TLS handshake it carries. */
    static final int PRELOGIN = 0x12;
    /** Tabular result: what a server answers PRELOGIN with. */
    static final int TABULAR_RESULT = 0x04;
    static final int END_OF_MESSAGE = 0x01;
    /** The packet size in force before login: 4,096 bytes unless the login changes it. */
    static final int PRELOGIN_PACKET_SIZE = 4096;
    /** The largest packet size TDS allows at all. */
    static final int MAX_PACKET_SIZE = 32767;

    private TdsPacket() {
    }

    /** The length a packet's header says, or -1 when fewer than {@link #HEADER} bytes are there. */
    static int length(byte[] in, int offset, int available) {
        if (available < HEADER) {
            return -1;
        }
        return (in[offset + 2] & 0xFF) << 8 | (in[offset + 3] & 0xFF);
    }

    /**
     * {@code payload} as packets of {@code type} of at most {@link #PRELOGIN_PACKET_SIZE} bytes each, numbered
     * from {@code firstId} (modulo 256), the last one marked end of message.
     */
    static byte[] encode(int type, byte[] payload, int firstId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + HEADER);
        int id = firstId;
        int at = 0;
        do {
            int n = Math.min(payload.length - at, PRELOGIN_PACKET_SIZE - HEADER);
            int length = HEADER + n;
            boolean last = at + n == payload.length;
            out.writeBytes(new byte[] {(byte) type, (byte) (last ? END_OF_MESSAGE : 0), (byte) (length >> 8),
                (byte) length, 0, 0, (byte) id++, 0});
            out.write(payload, at, n);
            at += n;
        } while (at < payload.length);
        return out.toByteArray();
    }
}
