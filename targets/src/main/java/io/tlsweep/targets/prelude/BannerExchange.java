package io.tlsweep.targets.prelude;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tlsweep.targets.PreludeTargetSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The plain-text part of a prelude target ({@link PreludeTargetSpec}): writes the banner, reads one line,
 * answers it; on {@code STARTTLS} (when TLS is not refused) puts the TLS handlers in its place and hands them
 * whatever the client sent after the line.
 */
final class BannerExchange extends ChannelInboundHandlerAdapter {

    private final PreludeTargetSpec spec;
    private final Supplier<List<ChannelHandler>> tls;
    private final ByteBuf line = Unpooled.buffer(64, PreludeTargetSpec.MAX_LINE);
    private boolean answered;

    BannerExchange(PreludeTargetSpec spec, Supplier<List<ChannelHandler>> tls) {
        this.spec = spec;
        this.tls = tls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ascii("220 " + spec.banner() + "\r\n"));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (answered) {
            in.release();
            return;
        }
        while (in.isReadable()) {
            byte b = in.readByte();
            if (line.maxWritableBytes() == 0) {
                in.release();
                finish(ctx, "500 line too long");
                return;
            }
            line.writeByte(b);
            if (b == '\n') {
                answer(ctx, in);
                return;
            }
        }
        in.release();
    }

    /** Answers the line read; {@code rest} is what the client sent after it. */
    private void answer(ChannelHandlerContext ctx, ByteBuf rest) {
        answered = true;
        String command = line.toString(StandardCharsets.US_ASCII).strip();
        if (!command.equals("STARTTLS")) {
            rest.release();
            finish(ctx, "500 unknown command");
            return;
        }
        if (spec.refusesTls()) {
            rest.release();
            finish(ctx, "454 TLS not available");
            return;
        }
        ctx.writeAndFlush(ascii("220 ready\r\n"));
        TlsHandoff.startTls(ctx, tls.get(), rest);
    }

    private void finish(ChannelHandlerContext ctx, String reply) {
        answered = true;
        ctx.writeAndFlush(ascii(reply + "\r\n")).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        line.release();
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }
}
