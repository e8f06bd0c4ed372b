package io.tlsweep.targets.prelude;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import io.tlsweep.targets.PreludeTargetSpec;
import java.util.List;

/**
 * TLS bytes in packets shaped like TDS's (SQL Server's): an 8-byte header (type 0x12, status, the packet length
 * including the header as a big-endian u16, SPID 0, packet id, window 0), then at most 4,088 bytes. The last
 * packet of a write has status 0x01 (end of message), the others 0x00. A packet of another type, or whose length
 * is shorter than its header, closes the connection.
 */
final class TdsPackets {
    static final int MAX_PACKET = 4096;

    private TdsPackets() {
    }

    /**
     * Takes the packets apart: each payload goes on as it is, one packet per decode, so that a handler after it
     * that removes the framing (the handshake is done) leaves the bytes behind that packet unread by it.
     */
    static final class Unwrap extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (in.readableBytes() < PreludeTargetSpec.PACKET_HEADER) {
                return;
            }
            int type = in.getUnsignedByte(in.readerIndex());
            int length = in.getUnsignedShort(in.readerIndex() + 2);
            if (type != PreludeTargetSpec.PACKET_TYPE || length < PreludeTargetSpec.PACKET_HEADER) {
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            in.skipBytes(PreludeTargetSpec.PACKET_HEADER);
            out.add(in.readRetainedSlice(length - PreludeTargetSpec.PACKET_HEADER));
        }
    }

    /** Puts each write in packets. */
    static final class Wrap extends MessageToByteEncoder<ByteBuf> {
        private int packetId = 1;

        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) {
            while (msg.isReadable()) {
                int n = Math.min(msg.readableBytes(), MAX_PACKET - PreludeTargetSpec.PACKET_HEADER);
                boolean last = n == msg.readableBytes();
                out.writeByte(PreludeTargetSpec.PACKET_TYPE);
                out.writeByte(last ? 0x01 : 0x00);
                out.writeShort(PreludeTargetSpec.PACKET_HEADER + n);
                out.writeShort(0);
                out.writeByte(packetId++ & 0xFF);
                out.writeByte(0);
                out.writeBytes(msg, n);
            }
        }
    }
}
