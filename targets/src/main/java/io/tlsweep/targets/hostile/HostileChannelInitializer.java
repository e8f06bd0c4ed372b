package io.tlsweep.targets.hostile;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.tlsweep.targets.HostileTargetSpec;
import io.tlsweep.targets.tls.ConnectionErrorSink;

/** Pipeline of a hostile target: lifetime limit, first-record decoder where needed, the behaviour, sink. */
public final class HostileChannelInitializer extends ChannelInitializer<Channel> {

    private final HostileTargetSpec spec;

    public HostileChannelInitializer(HostileTargetSpec spec) {
        this.spec = spec;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast("lifetime", new LifetimeLimit(spec.maxLifetime()));
        ChannelHandler behaviour = switch (spec.behaviour()) {
            case CLOSED_PORT -> throw new IllegalStateException("a closed port has no connections");
            case SILENT -> null;
            case RESET_AFTER_ACCEPT -> new ResetHandler(true);
            case RESET_ON_HELLO -> new ResetHandler(false);
            case GARBAGE -> new CannedReplyHandler(HostileReplies.GARBAGE, false, true);
            case HTTP -> new CannedReplyHandler(HostileReplies.HTTP_400, false, true);
            case SSH_BANNER -> new CannedReplyHandler(HostileReplies.SSH_BANNER, true, false);
            case SLOW_DRIP -> new SlowDripHandler();
            case TRUNCATED_RECORD -> new CannedReplyHandler(HostileReplies.TRUNCATED_RECORD, false, true);
            case OVERSIZED_RECORD -> new CannedReplyHandler(HostileReplies.OVERSIZED_RECORD, false, true);
            case ALERT_ONLY -> new CannedReplyHandler(HostileReplies.HANDSHAKE_FAILURE_ALERT, false, true);
            case CLOSE_NOTIFY -> new CannedReplyHandler(HostileReplies.CLOSE_NOTIFY_ALERT, false, true);
            case UNOFFERED_SUITE -> new UnofferedSuiteHandler();
        };
        boolean readsHello = behaviour != null && spec.behaviour() != io.tlsweep.targets.Behaviour.SSH_BANNER
                && spec.behaviour() != io.tlsweep.targets.Behaviour.RESET_AFTER_ACCEPT;
        if (readsHello) {
            pipeline.addLast("first-record", new FirstRecordDecoder());
        }
        if (behaviour != null) {
            pipeline.addLast("behaviour", behaviour);
        }
        pipeline.addLast("sink", ConnectionErrorSink.INSTANCE);
    }
}
