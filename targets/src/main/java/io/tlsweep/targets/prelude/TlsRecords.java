package io.tlsweep.targets.prelude;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the client's bytes into whole TLS records, each passed on as a {@code byte[]} (header included). Bytes
 * that cannot start a record (an unknown content type, a length over the TLS maximum) are passed on as they are,
 * once, and everything after them is dropped.
 */
public final class TlsRecords extends ByteToMessageDecoder {

    private static final int MAX_RECORD = (1 << 14) + 2048;

    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!broken && in.isReadable()) {
            int type = in.getUnsignedByte(in.readerIndex());
            if (type < 20 || type > 24) {
                broken = true;
            } else if (in.readableBytes() < 5) {
                return;
            } else {
                int length = in.getUnsignedShort(in.readerIndex() + 3);
                if (length > MAX_RECORD) {
                    broken = true;
                } else if (in.readableBytes() < 5 + length) {
                    return;
                } else {
                    byte[] record = new byte[5 + length];
                    in.readBytes(record);
                    out.add(record);
                    continue;
                }
            }
            byte[] garbage = new byte[in.readableBytes()];
            in.readBytes(garbage);
            out.add(garbage);
        }
        in.skipBytes(in.readableBytes());
    }
}
