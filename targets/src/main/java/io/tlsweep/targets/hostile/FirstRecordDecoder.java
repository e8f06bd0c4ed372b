package io.tlsweep.targets.hostile;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Emits one {@link FirstRecord} once the client's first TLS record is complete, or its first SSL 2.0 record (a
 * first byte with the high bit set: a two-byte header holding a 15-bit length), or at once, with whatever arrived,
 * when the first byte starts neither; discards everything after.
 */
public final class FirstRecordDecoder extends ByteToMessageDecoder {

    private static final int MAX_RECORD = (1 << 14) + 2048;

    private boolean done;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int readable = in.readableBytes();
        if (readable == 0) {
            return;
        }
        int needed = readable;
        if (in.getByte(in.readerIndex()) == 0x16) {
            if (readable < 5) {
                return;
            }
            needed = 5 + Math.min(in.getUnsignedShort(in.readerIndex() + 3), MAX_RECORD);
            if (readable < needed) {
                return;
            }
        } else if ((in.getByte(in.readerIndex()) & 0x80) != 0) {
            if (readable < 2) {
                return;
            }
            needed = 2 + (in.getUnsignedShort(in.readerIndex()) & 0x7FFF);
            if (readable < needed) {
                return;
            }
        }
        byte[] bytes = new byte[needed];
        in.readBytes(bytes);
        in.skipBytes(in.readableBytes());
        done = true;
        out.add(new FirstRecord(bytes));
    }
}
