package io.tlsweep.engine.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.AfterTlsRun;
import io.tlsweep.prelude.AfterTlsStep;
import io.tlsweep.result.AuthAfterTls;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a prelude's {@link AfterTlsCodec} over the application data once the handshake is done: sits after the
 * SslHandler, holds what arrives before {@link #begin}, writes the codec's question through TLS, feeds it the
 * decrypted answer, writes its goodbye, and tells the listener once what was learned (empty when the server fell
 * silent for the timeout, closed, or answered something else). Bounded in bytes by {@link AfterTlsRun}.
 */
final class AfterTlsHandler extends ChannelInboundHandlerAdapter {
    /** The most bytes read over TLS for the answer. */
    static final int MAX_BYTES = 64 * 1024;

    private final AfterTlsRun run;
    private final long timeoutMillis;
    private final Consumer<Optional<AuthAfterTls>> listener;
    private ChannelHandlerContext ctx;
    private ByteBuf early;
    private ScheduledFuture<?> deadline;
    private boolean begun;
    private boolean over;

    AfterTlsHandler(String protocol, AfterTlsCodec codec, long timeoutMillis,
            Consumer<Optional<AuthAfterTls>> listener) {
        this.run = new AfterTlsRun(protocol, codec, MAX_BYTES);
        this.timeoutMillis = timeoutMillis;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** The handshake is done: ask, and read what was held and what comes. */
    void begin() {
        begun = true;
        deadline = ctx.executor().schedule(() -> end(run.factsSoFar()), timeoutMillis, TimeUnit.MILLISECONDS);
        act(run.start());
        if (early != null && !over) {
            ByteBuf held = early;
            early = null;
            read(held);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            context.fireChannelRead(msg);
            return;
        }
        if (over) {
            buf.release();
        } else if (!begun) {
            if (early == null) {
                early = context.alloc().buffer();
            }
            early.writeBytes(buf, Math.min(buf.readableBytes(), MAX_BYTES + 1 - early.readableBytes()));
            buf.release();
        } else {
            read(buf);
        }
    }

    private void read(ByteBuf buf) {
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        act(run.received(bytes));
    }

    private void act(AfterTlsStep step) {
        if (step instanceof AfterTlsStep.GoOn goOn) {
            write(goOn.send());
        } else if (step instanceof AfterTlsStep.Learned learned) {
            write(learned.goodbye());
            end(Optional.of(learned.facts()));
        } else {
            end(((AfterTlsStep.Failed) step).facts());
        }
    }

    private void write(byte[] bytes) {
        if (bytes.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }
    }

    private void end(Optional<AuthAfterTls> learned) {
        if (!over) {
            over = true;
            if (deadline != null) {
                deadline.cancel(false);
            }
            listener.accept(learned);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (begun) {
            end(run.factsSoFar());
        }
        context.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        if (early != null) {
            early.release();
            early = null;
        }
    }
}
