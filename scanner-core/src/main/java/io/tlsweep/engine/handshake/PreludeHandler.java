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
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.TlsFraming;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import java.util.Arrays;
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
        /** TLS started: the SslHandler is in the pipeline. */
        void tlsStarted();

        /** The prelude failed (the codec said so, or the server was silent for the timeout). */
        void preludeFailed(Failure failure);

        /** The connection closed or broke during the prelude. */
        void preludeCut();
    }

    private final Prelude prelude;
    private final PreludeCodec codec;
    private final SslHandler ssl;
    private final long timeoutMillis;
    private final Listener listener;
    private byte[] unconsumed = new byte[0];
    private long read;
    private ScheduledFuture<?> deadline;
    private boolean over;

    PreludeHandler(Prelude prelude, SslHandler ssl, long timeoutMillis, Listener listener) {
        this.prelude = prelude;
        this.codec = prelude.open();
        this.ssl = ssl;
        this.timeoutMillis = timeoutMillis;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> fail(Failure.of(FailureKind.READ_TIMEOUT, "no answer in the "
                + prelude.protocol() + " prelude within " + timeoutMillis + " ms")), timeoutMillis, TimeUnit.MILLISECONDS);
        act(ctx, codec.start());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (over) {
                return;
            }
            read += buf.readableBytes();
            byte[] bytes = ByteBufUtil.getBytes(buf);
            int had = unconsumed.length;
            unconsumed = Arrays.copyOf(unconsumed, had + bytes.length);
            System.arraycopy(bytes, 0, unconsumed, had, bytes.length);
        } finally {
            buf.release();
        }
        PreludeStep step;
        do {
            step = codec.read(unconsumed, 0, unconsumed.length);
            int used = Math.min(step.consumed(), unconsumed.length);
            unconsumed = Arrays.copyOfRange(unconsumed, used, unconsumed.length);
            act(ctx, step);
        } while (!over && step.consumed() > 0 && unconsumed.length > 0);
        if (!over && read > MAX_BYTES) {
            fail(Failure.of(FailureKind.PRELUDE_UNEXPECTED, "the " + prelude.protocol()
                    + " prelude went on for more than " + MAX_BYTES + " bytes"));
        }
    }

    private void act(ChannelHandlerContext ctx, PreludeStep step) {
        if (step instanceof PreludeStep.GoOn goOn) {
            write(ctx, goOn.send());
        } else if (step instanceof PreludeStep.Failed failed) {
            fail(failed.failure());
        } else {
            PreludeStep.TlsMayStart start = (PreludeStep.TlsMayStart) step;
            write(ctx, start.send());
            startTls(ctx, start.framing());
        }
    }

    private static void write(ChannelHandlerContext ctx, byte[] bytes) {
        if (bytes.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }

    private void startTls(ChannelHandlerContext ctx, TlsFraming framing) {
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
        listener.tlsStarted();
        if (unconsumed.length > 0) {
            ctx.fireChannelRead(Unpooled.wrappedBuffer(unconsumed));
        }
        unconsumed = new byte[0];
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
