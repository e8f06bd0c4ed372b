package io.tlsweep.targets.flaky;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.tlsweep.targets.FlakyTargetSpec;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pipeline of a flaky front: each accepted connection waits for its first bytes, takes the next number of the
 * target's counter, and is either dropped or relayed to the backend ({@link FrontConnection}).
 */
public final class FlakyFrontInitializer extends ChannelInitializer<Channel> {

    private final FlakyTargetSpec spec;
    private final InetSocketAddress backend;
    private final Class<? extends Channel> socketChannel;
    private final AtomicLong connections = new AtomicLong();

    /** @param socketChannel the client channel type of the farm's transport, for the connection to the backend */
    public FlakyFrontInitializer(FlakyTargetSpec spec, InetSocketAddress backend,
            Class<? extends Channel> socketChannel) {
        this.spec = spec;
        this.backend = backend;
        this.socketChannel = socketChannel;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("front", new FrontConnection(spec, connections, backend, socketChannel));
    }
}
