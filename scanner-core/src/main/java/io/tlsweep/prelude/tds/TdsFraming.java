package io.tlsweep.prelude.tds;

import io.tlsweep.prelude.TlsFraming;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * TLS handshake records as TDS 7.x carries them ([MS-TDS] 2.2.6.5): the client's records as the payload of
 * PRELOGIN packets (type 0x12, at most 4,096 bytes a packet, the last packet of a write marked end of message,
 * packet ids counting from 1); the server's come back the same way. A server's packet of type 0x12 or 0x04
 * (tabular result, which some endpoints send during the handshake) is unwrapped; any other type, or a length
 * below the header or above TDS's largest packet (32,767), breaks the framing. A packet cut short is kept until
 * the rest arrives, so at most one packet is held. The handshake only: records after it travel bare.
 */
public final class TdsFraming implements TlsFraming {

    private byte[] pending = new byte[0];
    private int packetId = 1;

    @Override
    public byte[] wrap(byte[] tls) {
        if (tls.length == 0) {
            return new byte[0];
        }
        byte[] packets = TdsPacket.encode(TdsPacket.PRELOGIN, tls, packetId);
        packetId += (packets.length - tls.length) / TdsPacket.HEADER;
        return packets;
    }

    @Override
    public Unwrapped unwrap(byte[] wire, int offset, int length) {
        byte[] all = Arrays.copyOf(pending, pending.length + length);
        System.arraycopy(wire, offset, all, pending.length, length);
        ByteArrayOutputStream tls = new ByteArrayOutputStream(all.length);
        int at = 0;
        while (all.length - at >= TdsPacket.HEADER) {
            int type = all[at] & 0xFF;
            int size = TdsPacket.length(all, at, all.length - at);
            if (type != TdsPacket.PRELOGIN && type != TdsPacket.TABULAR_RESULT) {
                return new Unwrapped.Broken(String.format("a TDS packet of type 0x%02x where the TLS handshake"
                        + " travels in PRELOGIN (0x12) packets", type));
            }
            if (size < TdsPacket.HEADER || size > TdsPacket.MAX_PACKET_SIZE) {
                return new Unwrapped.Broken("a TDS packet length of " + size + " bytes (between "
                        + TdsPacket.HEADER + " and " + TdsPacket.MAX_PACKET_SIZE + " allowed)");
            }
            if (all.length - at < size) {
                break;
            }
            tls.write(all, at + TdsPacket.HEADER, size - TdsPacket.HEADER);
            at += size;
        }
        pending = Arrays.copyOfRange(all, at, all.length);
        return new Unwrapped.Bytes(tls.toByteArray());
    }

    @Override
    public String toString() {
        return "TDS";
    }
}
