package io.tlsweep.targets.scripted;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlsweep.targets.hostile.ClientHelloSummary;
import io.tlsweep.targets.hostile.FirstRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Answers the first record as the {@link LegacyServerScript} says (an SSLv2 CLIENT-HELLO too, when it speaks
 * SSLv2): after a fatal alert it closes at once,
 * for a silent refusal it closes without writing (a FIN: the whole first record has been read by then),
 * after a first flight it waits {@code linger} (a script cannot finish the handshake) and closes.
 * Anything that is not a ClientHello is closed on.
 */
final class LegacyServerHandler extends ChannelInboundHandlerAdapter {

    private final LegacyServerScript script;
    private final Duration linger;
    private ScheduledFuture<?> closer;

    LegacyServerHandler(LegacyServerScript script, Duration linger) {
        this.script = script;
        this.linger = linger;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FirstRecord first) || closer != null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Optional<ClientHelloSummary> hello = first.hello();
        Optional<LegacyServerScript.Answer> other = hello.isEmpty() ? script.answerOther(first.bytes())
                : Optional.empty();
        if (hello.isEmpty() && other.isEmpty()) {
            ctx.close();
            return;
        }
        LegacyServerScript.Answer answer = other.orElseGet(() -> script.answer(hello.get()));
        if (answer.silent()) {
            ctx.close();
            return;
        }
        var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(answer.bytes()));
        if (answer.refused()) {
            written.addListener(ChannelFutureListener.CLOSE);
        } else {
            closer = ctx.executor().schedule(() -> {
                ctx.close();
            }, linger.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closer != null) {
            closer.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
