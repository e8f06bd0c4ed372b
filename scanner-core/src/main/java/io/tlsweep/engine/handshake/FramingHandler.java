package io.tlsweep.engine.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.tlsweep.prelude.TlsFraming;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import java.util.function.Consumer;

/**
 * Applies a prelude's {@link TlsFraming} under the SslHandler: what the SslHandler writes is wrapped, what the
 * server sends is unwrapped before the SslHandler sees it. Bytes that break the framing end the connection's
 * handshake as a malformed reply, told to {@code broken}.
 */
final class FramingHandler extends ChannelDuplexHandler {
    private final TlsFraming framing;
    private final Consumer<Failure> broken;
    private boolean failed;

    FramingHandler(TlsFraming framing, Consumer<Failure> broken) {
        this.framing = framing;
        this.broken = broken;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        byte[] wire;
        try {
            if (failed) {
                return;
            }
            wire = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        TlsFraming.Unwrapped u = framing.unwrap(wire, 0, wire.length);
        if (u instanceof TlsFraming.Unwrapped.Bytes tls) {
            byte[] bytes = tls.tls();
            if (bytes.length > 0) {
                ctx.fireChannelRead(Unpooled.wrappedBuffer(bytes));
            }
        } else {
            failed = true;
            broken.accept(Failure.of(FailureKind.MALFORMED_REPLY, "the " + framing + " framing broke: "
                    + ((TlsFraming.Unwrapped.Broken) u).reason()));
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.write(msg, promise);
            return;
        }
        byte[] tls;
        try {
            tls = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        ctx.write(Unpooled.wrappedBuffer(framing.wrap(tls)), promise);
    }
}
