package io.tlsweep.targets.hostile;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;

/** Resets the connection (SO_LINGER 0, then close: the kernel sends RST) on accept or on the first record. */
final class ResetHandler extends ChannelInboundHandlerAdapter {

    private final boolean onAccept;

    ResetHandler(boolean onAccept) {
        this.onAccept = onAccept;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (onAccept) {
            reset(ctx);
        } else {
            ctx.fireChannelActive();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        reset(ctx);
    }

    private static void reset(ChannelHandlerContext ctx) {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
    }
}
