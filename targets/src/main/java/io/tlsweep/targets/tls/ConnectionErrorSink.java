package io.tlsweep.targets.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of every farm connection: discards application data and closes quietly on any
 * error (failed handshakes are expected here, they are what scanners probe for).
 */
@ChannelHandler.Sharable
public final class ConnectionErrorSink extends ChannelInboundHandlerAdapter {

    public static final ConnectionErrorSink INSTANCE = new ConnectionErrorSink();

    private ConnectionErrorSink() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
