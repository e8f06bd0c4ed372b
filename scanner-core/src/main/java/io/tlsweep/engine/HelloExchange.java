package io.tlsweep.engine;

import io.netty.buffer.ByteBuf;
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
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One connection carrying one hello: connect, write the pre-encoded hello, gather the reply and decode it,
 * and report exactly one {@link ConnectionOutcome}, whatever happens. All of it runs on one event loop.
 * Bytes received are copied out of Netty's buffers, which are released at once.
 */
final class HelloExchange extends ChannelInboundHandlerAdapter implements ChannelFutureListener, Runnable {

    /** Told the outcome, once, on the exchange's event loop. */
    interface Listener {
        void ended(HelloExchange exchange, ConnectionOutcome outcome);
    }

    private static final byte[] NOTHING = new byte[0];

    private final ProbeStep step;
    private final byte[] hello;
    private final InetSocketAddress remote;
    private final Listener listener;
    private final long readTimeoutMillis;
    private final int maxBytes;
    private Channel channel;
    private boolean registered;
    private boolean ended;
    private long startNanos;
    private long connectNanos = -1;
    private long firstByteNanos = -1;
    private byte[] received = NOTHING;
    private int length;
    private int decodeAt = 1;
    private ScheduledFuture<?> deadline;

    HelloExchange(ProbeStep step, byte[] hello, InetSocketAddress remote, Listener listener,
            long readTimeoutMillis, int maxBytes) {
        this.step = step;
        this.hello = hello;
        this.remote = remote;
        this.listener = listener;
        this.readTimeoutMillis = readTimeoutMillis;
        this.maxBytes = maxBytes;
    }

    ProbeStep step() {
        return step;
    }

    /** Registers {@code ch} on {@code loop} (the caller's own) and connects it. */
    void start(Channel ch, EventLoop loop) {
        channel = ch;
        startNanos = System.nanoTime();
        ch.pipeline().addLast(this);
        loop.register(ch).addListener(this);
    }

    /** Ends the exchange now (the target is over); the outcome goes to the listener as usual. */
    void abort(String why) {
        if (!ended) {
            end(noReply(FailureKind.READ_TIMEOUT, "closed unanswered: " + why));
        }
    }

    /** Registration, then connect. */
    @Override
    public void operationComplete(ChannelFuture f) {
        if (ended) {
            return;
        }
        if (!f.isSuccess()) {
            end(connectFailure(f.cause()));
        } else if (!registered) {
            registered = true;
            channel.connect(remote).addListener(this);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connectNanos = System.nanoTime() - startNanos;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(hello)).addListener(FIRE_EXCEPTION_ON_FAILURE);
        deadline = ctx.executor().schedule(this, readTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!ended) {
                append(buf);
            }
        } finally {
            buf.release();
        }
        if (ended || (length < decodeAt && length < maxBytes)) {
            return;
        }
        ServerResponseDecoder.Decoding d = ServerResponseDecoder.decode(received, 0, length);
        if (d instanceof ServerResponseDecoder.Decoding.Done done) {
            end(new ConnectionOutcome.Replied(done.response(), timings()));
        } else if (length >= maxBytes) {
            end(replied());
        } else {
            decodeAt = length + ((ServerResponseDecoder.Decoding.NeedMore) d).bytesNeeded();
        }
    }

    private void append(ByteBuf buf) {
        if (firstByteNanos < 0) {
            firstByteNanos = System.nanoTime() - startNanos;
        }
        int n = Math.min(buf.readableBytes(), maxBytes - length);
        if (length + n > received.length) {
            int size = Math.max(Math.max(1024, received.length * 2), length + n);
            received = Arrays.copyOf(received, Math.min(size, maxBytes));
        }
        buf.readBytes(received, length, n);
        length += n;
    }

    /** The read deadline. */
    @Override
    public void run() {
        if (ended) {
            return;
        }
        if (length == 0) {
            end(noReply(FailureKind.READ_TIMEOUT, "no reply within " + readTimeoutMillis + " ms"));
            return;
        }
        ServerResponse partial = ServerResponseDecoder.finish(received, 0, length);
        if (partial instanceof ServerResponse.Malformed m) {
            // a server still sending when the deadline hit is slow, not malformed
            end(noReply(FailureKind.READ_TIMEOUT, "answer incomplete after " + readTimeoutMillis + " ms: "
                    + length + " byte(s) received (" + m.reason() + ")"));
        } else {
            end(new ConnectionOutcome.Replied(partial, timings()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            end(length > 0 ? replied() : noReply(FailureKind.CLOSED_BEFORE_REPLY,
                    "connection closed by " + peer() + " before any reply"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ended) {
            return;
        }
        if (length > 0) {
            end(replied());
        } else if (cause instanceof IOException) {
            end(noReply(FailureKind.RESET_BEFORE_REPLY,
                    "connection reset by " + peer() + " before any reply (" + cause.getMessage() + ")"));
        } else {
            end(noReply(FailureKind.INTERNAL_ERROR, "unexpected " + cause));
        }
    }

    private ConnectionOutcome connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return noReply(FailureKind.CONNECT_TIMEOUT, "no connection to " + peer() + " within "
                    + channel.config().getConnectTimeoutMillis() + " ms");
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof ConnectException && message.contains("refused")) {
            return noReply(FailureKind.CONNECT_REFUSED, "connection refused by " + peer());
        }
        if (message.contains("reset")) {
            // accepted, then reset before the connect completed on our side
            return noReply(FailureKind.RESET_BEFORE_REPLY, "connection reset by " + peer() + " while connecting");
        }
        if (cause instanceof IOException) {
            // unreachable network or host and the like: nothing answered the connect
            return noReply(FailureKind.CONNECT_REFUSED, "connect to " + peer() + " failed: " + message);
        }
        return noReply(FailureKind.INTERNAL_ERROR, "connect to " + peer() + " failed: " + cause);
    }

    private ConnectionOutcome replied() {
        return new ConnectionOutcome.Replied(ServerResponseDecoder.finish(received, 0, length), timings());
    }

    private ConnectionOutcome noReply(FailureKind kind, String detail) {
        return new ConnectionOutcome.NoReply(Failure.of(kind, detail), timings());
    }

    private Timings timings() {
        return new Timings(connectNanos, firstByteNanos, System.nanoTime() - startNanos);
    }

    private String peer() {
        return remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    private void end(ConnectionOutcome outcome) {
        ended = true;
        received = NOTHING;
        if (deadline != null) {
            deadline.cancel(false);
        }
        channel.close();
        listener.ended(this, outcome);
    }
}
