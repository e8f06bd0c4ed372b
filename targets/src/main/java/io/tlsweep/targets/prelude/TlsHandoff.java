package io.tlsweep.targets.prelude;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;

/** Where a scripted prelude ends: TLS's handlers take its place in the pipeline and get the bytes that came after. */
final class TlsHandoff {
    private TlsHandoff() {
    }

    /**
     * Puts {@code tls} (and then {@code after}, when there is one: what speaks over TLS) behind the prelude's
     * handler, hands them {@code rest} (or releases it when empty), and removes the prelude's handler.
     */
    static void startTls(ChannelHandlerContext ctx, List<ChannelHandler> tls, ByteBuf rest, ChannelHandler... after) {
        String last = ctx.name();
        int i = 0;
        for (ChannelHandler h : tls) {
            String name = "tls-" + i++;
            ctx.pipeline().addAfter(last, name, h);
            last = name;
        }
        for (ChannelHandler h : after) {
            String name = "over-tls-" + i++;
            ctx.pipeline().addAfter(last, name, h);
            last = name;
        }
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
        ctx.pipeline().remove(ctx.handler());
    }
}
