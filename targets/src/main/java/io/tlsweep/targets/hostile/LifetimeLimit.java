package io.tlsweep.targets.hostile;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Closes the connection from the server side once it has lived {@code lifetime}, whatever else happens. */
final class LifetimeLimit extends ChannelInboundHandlerAdapter {

    private final Duration lifetime;
    private ScheduledFuture<?> closer;

    LifetimeLimit(Duration lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        closer = ctx.executor().schedule(() -> {
            ctx.close();
        }, lifetime.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closer != null) {
            closer.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
