package io.tlsweep.targets;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One side of one {@link DelayRelay} connection: what it reads is written to the other side after the delay,
 * scheduled on the event loop both sides share (tasks of equal delay run in the order they were scheduled, so
 * bytes keep their order). Reading is requested by hand (auto-read off) and only while fewer than
 * {@link DelayRelay#MAX_QUEUED_BYTES} read bytes wait to be written.
 */
final class DelayedLeg extends ChannelInboundHandlerAdapter {

    private final long delayNanos;
    private Channel peer;
    private long queued;
    private boolean paused;

    private DelayedLeg(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    /** Connects an accepted client to the backend on the client's event loop, then reads both sides. */
    static void relay(Channel client, InetSocketAddress backend, Class<? extends Channel> socketChannel,
            long delayNanos) {
        DelayedLeg front = new DelayedLeg(delayNanos);
        DelayedLeg back = new DelayedLeg(delayNanos);
        client.pipeline().addLast("delayed", front);
        Bootstrap bootstrap = new Bootstrap().group(client.eventLoop()).channel(socketChannel)
                .option(ChannelOption.AUTO_READ, false).handler(back);
        bootstrap.connect(backend).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                client.close();
                return;
            }
            front.peer = f.channel();
            back.peer = client;
            if (!client.isActive()) {
                f.channel().close();
                return;
            }
            client.read();
            f.channel().read();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (peer == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        int bytes = msg instanceof ByteBuf b ? b.readableBytes() : 0;
        queued += bytes;
        Channel to = peer;
        ctx.executor().schedule(() -> {
            to.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                queued -= bytes;
                if (!f.isSuccess()) {
                    ctx.close();
                    to.close();
                } else if (paused && queued < DelayRelay.MAX_QUEUED_BYTES) {
                    paused = false;
                    ctx.read();
                }
            });
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (peer == null) {
            return;
        }
        if (queued < DelayRelay.MAX_QUEUED_BYTES) {
            ctx.read();
        } else {
            paused = true;
        }
    }

    /** A closed side closes the other, after the bytes that came before the close. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel to = peer;
        if (to != null) {
            ctx.executor().schedule(() -> to.writeAndFlush(Unpooled.EMPTY_BUFFER)
                    .addListener(ChannelFutureListener.CLOSE), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
