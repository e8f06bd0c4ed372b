package io.tlsweep.targets.prelude;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Cuts a client's bytes into TDS messages ([MS-TDS] 2.2.3): packets of one type up to the one whose status says
 * end of message (0x01), passed on as a {@link Message}. A packet shorter than its header or longer than TDS's
 * largest (32,767), a change of type inside a message, or a message over {@value #MAX_MESSAGE} bytes closes the
 * connection.
 */
final class TdsMessages extends ByteToMessageDecoder {
    static final int HEADER = 8;
    static final int MAX_PACKET = 32767;
    static final int MAX_MESSAGE = 1 << 16;

    /** One whole message: its packets' type and their payloads joined. */
    record Message(int type, byte[] payload) {
    }

    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private int type = -1;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER) {
            return;
        }
        int packetType = in.getUnsignedByte(in.readerIndex());
        int status = in.getUnsignedByte(in.readerIndex() + 1);
        int length = in.getUnsignedShort(in.readerIndex() + 2);
        if (length < HEADER || length > MAX_PACKET || (type >= 0 && packetType != type)
                || message.size() + length > MAX_MESSAGE) {
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(HEADER);
        byte[] payload = new byte[length - HEADER];
        in.readBytes(payload);
        message.writeBytes(payload);
        type = packetType;
        if ((status & 0x01) != 0) {
            out.add(new Message(type, message.toByteArray()));
            message.reset();
            type = -1;
        }
    }
}
