package io.tlsweep.targets.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.tlsweep.targets.TlsTargetSpec;

/** Pipeline of a well-behaved target: idle limit, optional SNI gate, the stack's SslHandler, sink. */
public final class TlsChannelInitializer extends ChannelInitializer<Channel> {

    private static final int IDLE_SECONDS = 30;

    private final TlsTargetSpec spec;
    private final SslContext context;

    public TlsChannelInitializer(TlsTargetSpec spec, SslContext context) {
        this.spec = spec;
        this.context = context;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        pipeline.addLast(spec.requiredServerName().isPresent() ? "sni" : "tls", tlsHandler(spec, context, ch));
        pipeline.addLast("sink", ConnectionErrorSink.INSTANCE);
    }

    /** The handler that serves {@code spec}'s TLS on {@code ch}: its SslHandler, behind an SNI gate if it has one. */
    public static ChannelHandler tlsHandler(TlsTargetSpec spec, SslContext context, Channel ch) {
        if (spec.requiredServerName().isPresent()) {
            return new SniGate(spec.requiredServerName().get(), () -> ServerSslContexts.newHandler(context, spec,
                    ch.alloc()));
        }
        return ServerSslContexts.newHandler(context, spec, ch.alloc());
    }
}
