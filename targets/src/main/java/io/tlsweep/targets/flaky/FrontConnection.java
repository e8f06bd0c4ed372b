package io.tlsweep.targets.flaky;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import io.tlsweep.targets.FlakyTargetSpec;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection to a flaky front. On its first bytes it takes a number: one the spec drops is reset or
 * closed with nothing sent back; any other is relayed byte for byte to the backend, on the same event loop,
 * until either side closes.
 */
final class FrontConnection extends ChannelInboundHandlerAdapter {

    private final FlakyTargetSpec spec;
    private final AtomicLong counter;
    private final InetSocketAddress backendAddress;
    private final Class<? extends Channel> socketChannel;
    private Channel backend;
    private boolean numbered;

    FrontConnection(FlakyTargetSpec spec, AtomicLong counter, InetSocketAddress backendAddress,
            Class<? extends Channel> socketChannel) {
        this.spec = spec;
        this.counter = counter;
        this.backendAddress = backendAddress;
        this.socketChannel = socketChannel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (numbered) {
            backend.writeAndFlush(msg).addListener(relayed(ctx.channel()));
            return;
        }
        numbered = true;
        if (spec.drops(counter.incrementAndGet())) {
            ReferenceCountUtil.release(msg);
            drop(ctx);
            return;
        }
        Channel front = ctx.channel();
        ChannelFuture connected = new Bootstrap().group(front.eventLoop()).channel(socketChannel)
                .handler(new BackToFront(front))
                .connect(backendAddress);
        backend = connected.channel();
        backend.closeFuture().addListener(f -> front.close());
        connected.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                backend.writeAndFlush(msg).addListener(relayed(front));
            } else {
                ReferenceCountUtil.release(msg);
                front.close();
            }
        });
    }

    /** After a write towards the backend: read on from the client, or give up on both. */
    private static ChannelFutureListener relayed(Channel front) {
        return f -> {
            if (f.isSuccess()) {
                front.read();
            } else {
                f.channel().close();
                front.close();
            }
        };
    }

    private void drop(ChannelHandlerContext ctx) {
        if (spec.drop() == FlakyTargetSpec.Drop.RESET) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (backend != null) {
            backend.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The backend side: everything the backend sends goes to the client. */
    private static final class BackToFront extends ChannelInboundHandlerAdapter {
        private final Channel front;

        BackToFront(Channel front) {
            this.front = front;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            front.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    ctx.close();
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
