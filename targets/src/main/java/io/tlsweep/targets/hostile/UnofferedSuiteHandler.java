package io.tlsweep.targets.hostile;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/** Answers a ClientHello with a ServerHello choosing a suite the client did not offer ({@link UnofferedSuiteRule}). */
final class UnofferedSuiteHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FirstRecord first)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Optional<ClientHelloSummary> hello = first.hello();
        if (hello.isEmpty()) {
            ctx.close();
            return;
        }
        int suite = UnofferedSuiteRule.choose(hello.get().cipherSuites());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ServerHelloWriter.tls12(hello.get(), suite)));
    }
}
