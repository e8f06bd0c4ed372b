package io.tlsweep.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One connection carrying one step's conversation: connect, then let the {@link Conversation} say what to write
 * (a prelude's commands, the pre-encoded hello, follow-up records) and when it is over, and report exactly one
 * {@link ConnectionOutcome}, whatever happens. All of it runs on one event loop. Bytes received are copied out of
 * Netty's buffers, which are released at once.
 */
final class HelloExchange extends ChannelInboundHandlerAdapter implements Exchange, ChannelFutureListener, Runnable {

    private final ProbeStep step;
    private final Conversation conversation;
    private final InetSocketAddress remote;
    private final Listener listener;
    private Channel channel;
    private boolean registered;
    private boolean ended;
    private long startNanos;
    private long connectNanos = -1;
    private long firstByteNanos = -1;
    private ScheduledFuture<?> deadline;

    /**
     * @param readTimeoutMillis the time allowed for each TLS answer
     * @param preludeTimeoutMillis the time allowed for each answer before TLS
     */
    HelloExchange(ProbeStep step, byte[] hello, InetSocketAddress remote, Listener listener,
            long readTimeoutMillis, long preludeTimeoutMillis, int maxBytes) {
        this.step = step;
        this.remote = remote;
        this.listener = listener;
        this.conversation = new Conversation(step, hello, maxBytes, readTimeoutMillis, preludeTimeoutMillis,
                this::peer);
    }

    @Override
    public ProbeStep step() {
        return step;
    }

    /** Registers {@code ch} on {@code loop} (the caller's own) and connects it. */
    void start(Channel ch, EventLoop loop) {
        channel = ch;
        startNanos = System.nanoTime();
        ch.pipeline().addLast(this);
        loop.register(ch).addListener(this);
    }

    @Override
    public void abort(String why) {
        if (!ended) {
            conversation.abort(why);
            end();
        }
    }

    /** Registration, then connect. */
    @Override
    public void operationComplete(ChannelFuture f) {
        if (ended) {
            return;
        }
        if (!f.isSuccess()) {
            ended = true;
            channel.close();
            listener.ended(this, new ConnectionOutcome.NoReply(connectFailure(f.cause()), timings()));
        } else if (!registered) {
            registered = true;
            channel.connect(remote).addListener(this);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connectNanos = System.nanoTime() - startNanos;
        act(ctx, conversation.connected());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        byte[] bytes;
        try {
            if (ended) {
                return;
            }
            bytes = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        Conversation.Next next = conversation.received(bytes);
        if (firstByteNanos < 0 && conversation.tlsBytesReceived()) {
            firstByteNanos = System.nanoTime() - startNanos;
        }
        act(ctx, next);
    }

    private void act(ChannelHandlerContext ctx, Conversation.Next next) {
        if (next.write().length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(next.write())).addListener(FIRE_EXCEPTION_ON_FAILURE);
        }
        if (next.over()) {
            end();
        } else if (next.freshDeadline()) {
            if (deadline != null) {
                deadline.cancel(false);
            }
            deadline = ctx.executor().schedule(this, conversation.deadlineMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The read deadline. */
    @Override
    public void run() {
        if (!ended) {
            conversation.deadline();
            end();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            conversation.closed();
            end();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ended) {
            return;
        }
        if (cause instanceof IOException) {
            conversation.reset(cause.getMessage());
        } else {
            conversation.broke(String.valueOf(cause));
        }
        end();
    }

    private Failure connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return Failure.of(FailureKind.CONNECT_TIMEOUT, "no connection to " + peer() + " within "
                    + channel.config().getConnectTimeoutMillis() + " ms");
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof ConnectException && message.contains("refused")) {
            return Failure.of(FailureKind.CONNECT_REFUSED, "connection refused by " + peer());
        }
        if (message.contains("reset")) {
            // accepted, then reset before the connect completed on our side
            return Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset by " + peer() + " while connecting");
        }
        if (cause instanceof IOException) {
            // unreachable network or host and the like: nothing answered the connect
            return Failure.of(FailureKind.CONNECT_REFUSED, "connect to " + peer() + " failed: " + message);
        }
        return Failure.of(FailureKind.INTERNAL_ERROR, "connect to " + peer() + " failed: " + cause);
    }

    private Timings timings() {
        return new Timings(connectNanos, firstByteNanos, System.nanoTime() - startNanos);
    }

    private String peer() {
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    private void end() {
        ended = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        channel.close();
        listener.ended(this, conversation.outcome(timings()));
    }
}
