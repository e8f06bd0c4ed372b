package io.tlsweep.targets;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A TCP relay on 127.0.0.1 (a free port) in front of one loopback host:port that delays every chunk, in each
 * direction, by a stated one-way delay: a WAN's round trip, measured rather than guessed. Order is kept, a close
 * on one side closes the other (after the data before it), and a side is not read while more than
 * {@link #MAX_QUEUED_BYTES} of its bytes wait to be delivered ({@link DelayedLeg}).
 */
public final class DelayRelay implements AutoCloseable {

    /** The most bytes of one direction of one connection held back before reading from that side pauses. */
    public static final int MAX_QUEUED_BYTES = 256 * 1024;

    private final FarmEventLoop loop;
    private final Channel server;
    private final InetSocketAddress backend;
    private final Duration oneWay;

    private DelayRelay(FarmEventLoop loop, InetSocketAddress backend, Duration oneWay) {
        LoopbackAddresses.requireLoopback(backend.getAddress().getHostAddress());
        if (oneWay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + oneWay);
        }
        this.loop = loop;
        this.backend = backend;
        this.oneWay = oneWay;
        long delayNanos = oneWay.toNanos();
        Class<? extends Channel> socketChannel = loop.socketChannelType();
        server = new ServerBootstrap().group(loop.group()).channel(loop.serverChannelType())
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        DelayedLeg.relay(ch, backend, socketChannel, delayNanos);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    /** Starts a relay with an event loop of its own (one thread), closed with the relay. */
    public static DelayRelay start(InetSocketAddress backend, Duration oneWay) {
        FarmEventLoop loop = new FarmEventLoop(1);
        try {
            return new DelayRelay(loop, backend, oneWay);
        } catch (RuntimeException e) {
            loop.close();
            throw e;
        }
    }

    /** Where clients connect: 127.0.0.1 and the port the relay was given. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Where the relay forwards to. */
    public InetSocketAddress backend() {
        return backend;
    }

    /** The delay added to every chunk in each direction (a round trip costs twice this). */
    public Duration oneWay() {
        return oneWay;
    }

    /** Stops accepting; open connections end with the relay's event loop. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loop.close();
    }
}
