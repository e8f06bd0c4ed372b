package io.tlsweep.targets.prelude;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.tls.ConnectionErrorSink;
import java.util.List;
import java.util.function.Function;

/**
 * Pipeline of a prelude target: idle limit, the banner exchange (or the SMTP or LDAP one), sink; the TLS handlers
 * join after the answer that lets TLS start.
 */
public final class PreludeChannelInitializer extends ChannelInitializer<Channel> {

    private static final int IDLE_SECONDS = 30;

    private final PreludeTargetSpec spec;
    private final Function<Channel, List<ChannelHandler>> tls;

    /** @param tls makes one connection's TLS handlers, in pipeline order */
    public PreludeChannelInitializer(PreludeTargetSpec spec, Function<Channel, List<ChannelHandler>> tls) {
        this.spec = spec;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        pipeline.addLast("prelude", switch (spec.dialect()) {
            case LINE -> new BannerExchange(spec, () -> tls.apply(ch));
            case LDAP -> new LdapExchange(spec, () -> tls.apply(ch));
            default -> new SmtpExchange(spec, () -> tls.apply(ch));
        });
        pipeline.addLast("sink", ConnectionErrorSink.INSTANCE);
    }

    /** The TLS handlers of the scripted server: unframing and framing when framed, records, the script. */
    public static List<ChannelHandler> scripted(PreludeTargetSpec spec, ScriptedConversation conversation) {
        return spec.framed() ? List.of(new TdsPackets.Unwrap(), new TdsPackets.Wrap(), new TlsRecords(), conversation)
                : List.of(new TlsRecords(), conversation);
    }
}
