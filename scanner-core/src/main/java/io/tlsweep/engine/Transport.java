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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one event-loop group and the socket channels it makes: native epoll where it is available
 * (and wanted), NIO otherwise.
 *
 * <p>A platform where the epoll native library does not load simply gets NIO.
 */
public final class Transport implements AutoCloseable {
    private final MultiThreadIoEventLoopGroup group;
    private final boolean epoll;
    private final ChannelFactory<? extends Channel> sockets;
    private final Class<? extends DatagramChannel> datagrams;
    private final int connectTimeoutMillis;
    private final boolean closeWithReset;

    Transport(EngineConfig config) {
        this(config.nativeTransport(), config.eventLoopThreads(), config.connectTimeout(), config.closeWithReset());
    }

    /**
     * @param nativeTransport use epoll where it loads
     * @param closeWithReset whether {@link #newSocketChannel()} channels close with RST (SO_LINGER 0)
     */
    public Transport(boolean nativeTransport, int eventLoopThreads, Duration connectTimeout, boolean closeWithReset) {
        Native found = nativeTransport ? Native.epoll() : null;
        this.epoll = found != null;
        IoHandlerFactory io = epoll ? found.io() : NioIoHandler.newFactory();
        this.sockets = epoll ? found.sockets() : NioSocketChannel::new;
        this.datagrams = epoll ? found.datagrams() : NioDatagramChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(eventLoopThreads, io);
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.closeWithReset = closeWithReset;
    }

    /** {@code epoll} or {@code nio}. */
    public String name() {
        return epoll ? "epoll" : "nio";
    }

    /** The next loop, round robin. */
    public EventLoop nextLoop() {
        return (EventLoop) group.next();
    }

    Class<? extends DatagramChannel> datagramType() {
        return datagrams;
    }

    /** A new, unregistered TCP channel with the engine's socket options. */
    Channel newSocketChannel() {
        return newSocketChannel(closeWithReset);
    }

    /** A new, unregistered TCP channel; {@code reset} closes it with RST (SO_LINGER 0) instead of FIN. */
    public Channel newSocketChannel(boolean reset) {
        Channel ch = sockets.newChannel();
        ChannelConfig c = ch.config();
        c.setAllocator(PooledByteBufAllocator.DEFAULT);
        c.setConnectTimeoutMillis(connectTimeoutMillis);
        c.setOption(ChannelOption.TCP_NODELAY, true);
        if (reset) {
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
