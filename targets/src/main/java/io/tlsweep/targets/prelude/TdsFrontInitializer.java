package io.tlsweep.targets.prelude;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.targets.tls.ConnectionErrorSink;
import java.util.function.Function;

/**
 * Pipeline of a scripted SQL Server front: idle limit, TDS messages, the front, sink; the TDS framing and the TLS
 * handler join under the messages after PRELOGIN.
 */
public final class TdsFrontInitializer extends ChannelInitializer<Channel> {
    private static final int IDLE_SECONDS = 30;

    private final TdsTargetSpec spec;
    private final Function<Channel, ChannelHandler> tls;

    /** @param tls makes one connection's TLS handler (a server SslHandler) */
    public TdsFrontInitializer(TdsTargetSpec spec, Function<Channel, ChannelHandler> tls) {
        this.spec = spec;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        pipeline.addLast("tds-messages", new TdsMessages());
        pipeline.addLast("tds-front", new TdsFront(spec, () -> tls.apply(ch)));
        pipeline.addLast("sink", ConnectionErrorSink.INSTANCE);
    }
}
