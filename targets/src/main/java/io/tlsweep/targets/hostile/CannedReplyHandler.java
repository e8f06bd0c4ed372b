package io.tlsweep.targets.hostile;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Sends fixed bytes, either as soon as the connection is up or when the client's first record
 * arrived. Afterwards it either closes at once (FIN), or waits and closes when the client sends data.
 */
final class CannedReplyHandler extends ChannelInboundHandlerAdapter {

    private final byte[] reply;
    private final boolean onConnect;
    private final boolean closeAfterReply;

    CannedReplyHandler(byte[] reply, boolean onConnect, boolean closeAfterReply) {
        this.reply = reply.clone();
        this.onConnect = onConnect;
        this.closeAfterReply = closeAfterReply;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (onConnect) {
            send(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        if (onConnect) {
            ctx.close();
        } else {
            send(ctx);
        }
    }

    private void send(ChannelHandlerContext ctx) {
        var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.clone()));
        if (closeAfterReply) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
