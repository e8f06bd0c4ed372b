package io.tlsweep.targets.scripted;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.hostile.FirstRecordDecoder;
import io.tlsweep.targets.prelude.TlsRecords;
import io.tlsweep.targets.tls.ConnectionErrorSink;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * Pipeline of a scripted target: idle limit, first-record decoder, the script's handler, sink; with flaws, a decoder
 * of every record and the handler that answers the records after the flight too.
 */
public final class ScriptedChannelInitializer extends ChannelInitializer<Channel> {

    private static final int IDLE_SECONDS = 30;

    private final ScriptedTargetSpec spec;
    private final LegacyServerScript script;
    private final Optional<PaddingOracle> oracle;

    /** @param key the private key of its leaf, which a padding oracle decrypts with */
    public ScriptedChannelInitializer(ScriptedTargetSpec spec, LegacyServerScript script, PrivateKey key) {
        this.spec = spec;
        this.script = script;
        this.oracle = PaddingOracle.of(key);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        if (spec.quirks().flaws().isEmpty()) {
            pipeline.addLast("first-record", new FirstRecordDecoder());
            pipeline.addLast("script", new LegacyServerHandler(script, spec.linger()));
        } else {
            pipeline.addLast("records", new TlsRecords());
            pipeline.addLast("script", new FlawedServerHandler(script, spec.quirks().flaws(), spec.linger(),
                    oracle));
        }
        pipeline.addLast("sink", ConnectionErrorSink.INSTANCE);
    }
}
