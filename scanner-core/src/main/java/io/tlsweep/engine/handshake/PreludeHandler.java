package io.tlsweep.engine.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeRun;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.TlsFraming;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Prelude}'s codec on a connection before TLS: writes what the codec says, feeds it what the
 * server sends, and once TLS may start puts the framing (if the codec chose one) and the {@link SslHandler} in
 * its own place, hands them the bytes that came after the prelude, and leaves. It sits where the SslHandler
 * goes; the SslHandler starts its handshake as it joins the active connection. A codec's failure, the server
 * going silent for the timeout, or the connection ending before TLS goes to the {@link Listener} as a value.
 */
final class PreludeHandler extends ChannelInboundHandlerAdapter {
    /** The most bytes a prelude may read before TLS starts. */
    static final int MAX_BYTES = 64 * 1024;

    /** Told how the prelude ended, once, on the connection's event loop. */
    interface Listener {
        /** TLS started: the SslHandler is in the pipeline; {@code facts} are what the prelude learned. */
        void tlsStarted(PreludeFacts facts);

        /** The prelude failed (the codec said so, or the server was silent for the timeout). */
        void preludeFailed(Failure failure);

        /** The connection closed or broke during the prelude. */
        void preludeCut();
    }

    private final PreludeRun run;
    private final SslHandler ssl;
    private final long timeoutMillis;
    private final Listener listener;
    private ScheduledFuture<?> deadline;
    private boolean over;

    PreludeHandler(Prelude prelude, SslHandler ssl, long timeoutMillis, Listener listener) {
        this.run = new PreludeRun(prelude, MAX_BYTES);
        this.ssl = ssl;
        this.timeoutMillis = timeoutMillis;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> fail(Failure.of(FailureKind.PRELUDE_TIMEOUT, "no end of the "
                + run.protocol() + " prelude within " + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
        act(ctx, run.start());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        byte[] bytes;
        try {
            if (over) {
                return;
            }
            bytes = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        act(ctx, run.received(bytes));
    }

    private void act(ChannelHandlerContext ctx, PreludeStep step) {
        if (step instanceof PreludeStep.GoOn goOn) {
            write(ctx, goOn.send());
        } else if (step instanceof PreludeStep.Failed failed) {
            fail(failed.failure());
        } else {
            PreludeStep.TlsMayStart start = (PreludeStep.TlsMayStart) step;
            write(ctx, start.send());
            startTls(ctx, start.framing(), start.facts());
        }
    }

    private static void write(ChannelHandlerContext ctx, byte[] bytes) {
        if (bytes.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes))
                    .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }

    private void startTls(ChannelHandlerContext ctx, TlsFraming framing, PreludeFacts facts) {
        over = true;
        deadline.cancel(false);
        ChannelPipeline pipeline = ctx.pipeline();
        if (framing != TlsFraming.NONE) {
            FramingHandler framed = new FramingHandler(framing, listener::preludeFailed);
            pipeline.addAfter(ctx.name(), "tls-framing", framed);
            pipeline.addAfter("tls-framing", "tls", ssl);
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess() && pipeline.context(framed) != null) {
                    pipeline.remove(framed); // the framing covers the handshake; records after it travel bare
                }
            });
        } else {
            pipeline.addAfter(ctx.name(), "tls", ssl);
        }
        listener.tlsStarted(facts);
        byte[] early = run.leftover();
        if (early.length > 0) {
            ctx.fireChannelRead(Unpooled.wrappedBuffer(early));
        }
        pipeline.remove(this);
    }

    private void fail(Failure failure) {
        if (!over) {
            over = true;
            deadline.cancel(false);
            listener.preludeFailed(failure);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!over) {
            over = true;
            if (deadline != null) {
                deadline.cancel(false);
            }
            listener.preludeCut();
        }
        ctx.fireChannelInactive();
    }
}
