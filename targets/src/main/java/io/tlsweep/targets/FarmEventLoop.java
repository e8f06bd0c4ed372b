package io.tlsweep.targets;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** The one event loop group all servers of a farm share: epoll when available, NIO otherwise. */
final class FarmEventLoop implements AutoCloseable {

    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;

    FarmEventLoop(int threads) {
        DefaultThreadFactory threadsNamed = new DefaultThreadFactory("target-farm", true);
        group = new MultiThreadIoEventLoopGroup(threads, threadsNamed,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The client channel type of the same transport (a flaky front's connections to its backend). */
    Class<? extends Channel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    String transport() {
        return epoll ? "epoll" : "nio";
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
