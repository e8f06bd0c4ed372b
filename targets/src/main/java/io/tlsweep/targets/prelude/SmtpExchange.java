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
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The SMTP part of a prelude target ({@link PreludeTargetSpec.Dialect#SMTP}): the two-line greeting, then one
 * answer per client line (EHLO/LHLO, STARTTLS, QUIT, anything else) until STARTTLS is accepted, when the TLS
 * handlers take its place and get whatever the client sent after that line, followed by an exchange that goes on
 * in SMTP over TLS (EHLO offers AUTH there, STARTTLS no more). Muted, it greets and reads on without answering.
 */
final class SmtpExchange extends ChannelInboundHandlerAdapter {
    static final String HOST = "mail.farm.test";

    private final PreludeTargetSpec spec;
    private final Supplier<List<ChannelHandler>> tls;
    private final boolean overTls;
    private final ByteBuf line = Unpooled.buffer(64, PreludeTargetSpec.MAX_LINE);
    private boolean done;

    SmtpExchange(PreludeTargetSpec spec, Supplier<List<ChannelHandler>> tls) {
        this(spec, tls, false);
    }

    private SmtpExchange(PreludeTargetSpec spec, Supplier<List<ChannelHandler>> tls, boolean overTls) {
        this.spec = spec;
        this.tls = tls;
        this.overTls = overTls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ascii("220-" + spec.banner() + "\r\n220 " + HOST + " ESMTP\r\n"));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        while (!done && in.isReadable()) {
            byte b = in.readByte();
            if (line.maxWritableBytes() == 0) {
                done = true;
                in.release();
                ctx.writeAndFlush(ascii("500 5.5.0 Error: line too long\r\n")).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            line.writeByte(b);
            if (b == '\n') {
                String command = line.toString(StandardCharsets.US_ASCII).strip();
                line.clear();
                if (spec.dialect() != PreludeTargetSpec.Dialect.SMTP_MUTE && answer(ctx, command, in)) {
                    return; // TLS took over with the rest of the bytes
                }
            }
        }
        in.release();
    }

    /** Answers one line; true when TLS starts, {@code rest} then handed on to it. */
    private boolean answer(ChannelHandlerContext ctx, String command, ByteBuf rest) {
        String verb = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        switch (verb) {
            case "EHLO", "LHLO" -> ctx.writeAndFlush(ascii("250-" + HOST + " greets "
                    + (command.length() > 5 ? command.substring(5) : "") + "\r\n250-PIPELINING\r\n"
                    + (overTls || spec.dialect() != PreludeTargetSpec.Dialect.SMTP_TLS_AUTH_ONLY
                            ? "250-AUTH PLAIN LOGIN\r\n" : "")
                    + (overTls ? "" : "250-STARTTLS\r\n") + "250 8BITMIME\r\n"));
            case "STARTTLS" -> {
                if (overTls) {
                    ctx.writeAndFlush(ascii("554 5.5.1 Error: TLS already active\r\n"));
                    return false;
                }
                if (spec.refusesTls()) {
                    ctx.writeAndFlush(ascii("454 4.7.0 TLS not available due to local problem\r\n"));
                } else {
                    startTls(ctx, rest);
                    return true;
                }
            }
            case "QUIT" -> {
                done = true;
                ctx.writeAndFlush(ascii("221 2.0.0 Bye\r\n")).addListener(ChannelFutureListener.CLOSE);
            }
            default -> ctx.writeAndFlush(ascii("502 5.5.2 Error: command not recognized\r\n"));
        }
        return false;
    }

    private void startTls(ChannelHandlerContext ctx, ByteBuf rest) {
        done = true;
        ctx.writeAndFlush(ascii("220 2.0.0 Ready to start TLS\r\n"));
        TlsHandoff.startTls(ctx, tls.get(), rest, new SmtpExchange(spec, tls, true));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        line.release();
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }
}
