package io.tlsweep.targets.tls;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.tlsweep.targets.SniRequirement;
import java.util.function.Supplier;

/**
 * Lets a ClientHello through to the TLS stack only when its SNI name equals the required one;
 * otherwise answers with a fatal unrecognized_name alert and closes. Buffered hello bytes are
 * handed on (to the stack or to the sink that releases them) when the gate leaves the pipeline.
 */
final class SniGate extends AbstractSniHandler<Boolean> {

    private static final byte[] UNRECOGNIZED_NAME_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02,
        (byte) SniRequirement.UNRECOGNIZED_NAME};

    private final String requiredName;
    private final Supplier<SslHandler> tls;

    SniGate(String requiredName, Supplier<SslHandler> tls) {
        super(10_000L);
        this.requiredName = requiredName;
        this.tls = tls;
    }

    @Override
    protected Future<Boolean> lookup(ChannelHandlerContext ctx, String hostname) {
        return ctx.executor().newSucceededFuture(requiredName.equalsIgnoreCase(hostname));
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<Boolean> future) {
        if (Boolean.TRUE.equals(future.getNow())) {
            ctx.pipeline().replace(this, "tls", tls.get());
        } else {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(UNRECOGNIZED_NAME_ALERT)).addListener(ChannelFutureListener.CLOSE);
            ctx.pipeline().remove(this);
        }
    }
}
