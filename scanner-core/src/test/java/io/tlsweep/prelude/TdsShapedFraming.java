package io.tlsweep.prelude;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A test framing, the one the targets module's framed prelude target speaks: TLS bytes in packets shaped like
 * SQL Server's TDS packets, an 8-byte header (type 0x12, status 0x01 on the last packet of a write, the packet
 * length including the header as a big-endian u16, SPID 0, packet id, window 0), at most 4,096 bytes a packet.
 */
public final class TdsShapedFraming implements TlsFraming {
    public static final int HEADER = 8;
    public static final int MAX_PACKET = 4096;
    private static final int TYPE = 0x12;

    private byte[] pending = new byte[0];
    private int packetId = 1;

    @Override
    public byte[] wrap(byte[] tls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < tls.length; ) {
            int n = Math.min(tls.length - at, MAX_PACKET - HEADER);
            int length = HEADER + n;
            boolean last = at + n == tls.length;
            out.writeBytes(new byte[] {TYPE, (byte) (last ? 1 : 0), (byte) (length >> 8), (byte) length, 0, 0,
                (byte) packetId++, 0});
            out.write(tls, at, n);
            at += n;
        }
        return out.toByteArray();
    }

    @Override
    public Unwrapped unwrap(byte[] wire, int offset, int length) {
        byte[] all = Arrays.copyOf(pending, pending.length + length);
        System.arraycopy(wire, offset, all, pending.length, length);
        ByteArrayOutputStream tls = new ByteArrayOutputStream();
        int at = 0;
        while (all.length - at >= HEADER) {
            int type = all[at] & 0xFF;
            int size = (all[at + 2] & 0xFF) << 8 | (all[at + 3] & 0xFF);
            if (type != TYPE) {
                return new Unwrapped.Broken("packet type 0x" + Integer.toHexString(type) + " is not 0x12");
            }
            if (size < HEADER) {
                return new Unwrapped.Broken("packet length " + size + " is shorter than its header");
            }
            if (all.length - at < size) {
                break;
            }
            tls.write(all, at + HEADER, size - HEADER);
            at += size;
        }
        pending = Arrays.copyOfRange(all, at, all.length);
        return new Unwrapped.Bytes(tls.toByteArray());
    }

    @Override
    public String toString() {
        return "TDS-shaped";
    }
}
