package io.tlsweep.targets.hostile;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers the hello with a valid TLS 1.2 ServerHello (the first suite the client offered that is not
 * an SCSV, GREASE or TLS 1.3 code; 0x002F if none) one byte per second, the first byte at once.
 */
final class SlowDripHandler extends ChannelInboundHandlerAdapter {

    private ScheduledFuture<?> drip;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FirstRecord first) || drip != null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        byte[] serverHello = first.hello()
                .map(hello -> ServerHelloWriter.tls12(hello, pick(hello)))
                .orElse(null);
        if (serverHello == null) {
            ctx.close();
            return;
        }
        int[] next = {0};
        drip = ctx.executor().scheduleAtFixedRate(() -> {
            if (next[0] >= serverHello.length || !ctx.channel().isActive()) {
                drip.cancel(false);
                return;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {serverHello[next[0]++]}));
        }, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (drip != null) {
            drip.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private static int pick(ClientHelloSummary hello) {
        for (int code : hello.cipherSuites()) {
            boolean grease = (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff);
            if (code != 0x00ff && code != 0x5600 && !grease && (code >> 8) != 0x13) {
                return code;
            }
        }
        return 0x002f;
    }
}
