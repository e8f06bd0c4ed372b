package io.tlsweep.engine;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one event-loop group and the socket channels it makes: native epoll where it is available
 * (and wanted), NIO otherwise.
 *
 * <p>A platform where the epoll native library does not load simply gets NIO.
 */
final class Transport implements AutoCloseable {
    private final MultiThreadIoEventLoopGroup group;
    private final boolean epoll;
    private final ChannelFactory<? extends Channel> sockets;
    private final Class<? extends DatagramChannel> datagrams;
    private final int connectTimeoutMillis;
    private final boolean closeWithReset;

    Transport(EngineConfig config) {
        Native found = config.nativeTransport() ? Native.epoll() : null;
        this.epoll = found != null;
        IoHandlerFactory io = epoll ? found.io() : NioIoHandler.newFactory();
        this.sockets = epoll ? found.sockets() : NioSocketChannel::new;
        this.datagrams = epoll ? found.datagrams() : NioDatagramChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), io);
        this.connectTimeoutMillis = (int) config.connectTimeout().toMillis();
        this.closeWithReset = config.closeWithReset();
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }

    /** The next loop, round robin. */
    EventLoop nextLoop() {
        return (EventLoop) group.next();
    }

    Class<? extends DatagramChannel> datagramType() {
        return datagrams;
    }

    /** A new, unregistered TCP channel with the engine's socket options. */
    Channel newSocketChannel() {
        Channel ch = sockets.newChannel();
        ChannelConfig c = ch.config();
        c.setAllocator(PooledByteBufAllocator.DEFAULT);
        c.setConnectTimeoutMillis(connectTimeoutMillis);
        c.setOption(ChannelOption.TCP_NODELAY, true);
        if (closeWithReset) {
            c.setOption(ChannelOption.SO_LINGER, 0);
        }
        return ch;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** The epoll transport's pieces, when its native library loads here. */
    private record Native(IoHandlerFactory io, ChannelFactory<? extends Channel> sockets,
            Class<? extends DatagramChannel> datagrams) {

        static Native epoll() {
            if (!Epoll.isAvailable()) {
                return null; // no epoll here: NIO it is
            }
            return new Native(EpollIoHandler.newFactory(), EpollSocketChannel::new, EpollDatagramChannel.class);
        }
    }
}
