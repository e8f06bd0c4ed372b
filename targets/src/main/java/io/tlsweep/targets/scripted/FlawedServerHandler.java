package io.tlsweep.targets.scripted;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlsweep.targets.ScriptedFlaw;
import io.tlsweep.targets.hostile.ClientHelloReader;
import io.tlsweep.targets.hostile.ClientHelloSummary;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The scripted server with flaws: its first record is answered as the {@link LegacyServerScript} says (a fatal
 * alert or a silent refusal closes at once), every whole record after the first flight as its {@link FlawScript}
 * says; {@code linger} after the flight the server closes. Anything that is not a ClientHello first is closed on.
 */
final class FlawedServerHandler extends ChannelInboundHandlerAdapter {

    private final LegacyServerScript script;
    private final FlawScript flaws;
    private final Duration linger;
    private boolean flightSent;
    private ScheduledFuture<?> closer;

    FlawedServerHandler(LegacyServerScript script, Set<ScriptedFlaw> flaws, Duration linger,
            Optional<PaddingOracle> oracle) {
        this.script = script;
        this.flaws = new FlawScript(flaws, oracle);
        this.linger = linger;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof byte[] record) || !ctx.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (flightSent) {
            FlawScript.Reply reply = flaws.afterFlight(record);
            if (reply.bytes().length > 0 || reply.close()) {
                var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(reply.bytes()));
                if (reply.close()) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            }
            return;
        }
        Optional<ClientHelloSummary> hello = ClientHelloReader.read(record);
        if (hello.isEmpty()) {
            ctx.close();
            return;
        }
        LegacyServerScript.Answer answer = script.answer(hello.get());
        if (answer.silent()) {
            ctx.close();
            return;
        }
        var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(answer.bytes()));
        if (answer.refused()) {
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        flightSent = true;
        closer = ctx.executor().schedule(() -> {
            ctx.close();
        }, linger.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closer != null) {
            closer.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
