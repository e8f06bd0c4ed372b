package io.tlsweep.engine.handshake;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The handshake client's one event-loop group and its socket channels: epoll where its native library
 * loads (and is wanted), NIO otherwise. Mirrors the raw engine's {@code Transport}, which is private to
 * its package.
 */
final class HandshakeTransport implements AutoCloseable {
    private final MultiThreadIoEventLoopGroup group;
    private final ChannelFactory<? extends Channel> sockets;
    private final boolean epoll;
    private final int connectTimeoutMillis;

    HandshakeTransport(HandshakeClientConfig config) {
        this.epoll = config.nativeTransport() && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.sockets = epoll ? EpollSocketChannel::new : NioSocketChannel::new;
        this.group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), io);
        this.connectTimeoutMillis = (int) config.connectTimeout().toMillis();
    }

    /** {@code epoll} or {@code nio}. */
    String name() {
        return epoll ? "epoll" : "nio";
    }

    EventLoop nextLoop() {
        return (EventLoop) group.next();
    }

    /** A new, unregistered TCP channel; {@code reset} closes it with RST (SO_LINGER 0) instead of FIN. */
    Channel newSocketChannel(boolean reset) {
        Channel ch = sockets.newChannel();
        ch.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        ch.config().setConnectTimeoutMillis(connectTimeoutMillis);
        ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        if (reset) {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        return ch;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
