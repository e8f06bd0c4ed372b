package io.tlsweep.targets.prelude;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.targets.tls.ConnectionErrorSink;
import java.util.List;
import java.util.function.Function;

/**
 * Pipeline of a scripted SQL Server front: idle limit, the first byte's look, TDS messages, the front, sink; the
 * TDS framing and the TLS handler join under the messages after PRELOGIN, or, for a strict connection (TDS 8.0:
 * the first byte 0x16 opens a TLS handshake record), TLS goes under them at once.
 */
public final class TdsFrontInitializer extends ChannelInitializer<Channel> {
    private static final int IDLE_SECONDS = 30;
    private static final int TLS_HANDSHAKE = 0x16;

    private final TdsTargetSpec spec;
    private final Function<Channel, ChannelHandler> tls;
    private final Function<Channel, ChannelHandler> strictTls;

    /**
     * @param tls makes one connection's TLS handler (a server SslHandler)
     * @param strictTls makes one strict connection's TLS handler (selecting ALPN {@code tds/8.0})
     */
    public TdsFrontInitializer(TdsTargetSpec spec, Function<Channel, ChannelHandler> tls,
            Function<Channel, ChannelHandler> strictTls) {
        this.spec = spec;
        this.tls = tls;
        this.strictTls = strictTls;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        TdsFront front = new TdsFront(spec, () -> tls.apply(ch));
        pipeline.addLast("idle", new ReadTimeoutHandler(IDLE_SECONDS));
        pipeline.addLast("first-byte", new FirstByte(front, () -> strictTls.apply(ch)));
        pipeline.addLast("tds-messages", new TdsMessages());
        pipeline.addLast("tds-front", front);
        pipeline.addLast("sink", ConnectionErrorSink.INSTANCE);
    }

    /**
     * Tells a strict connection from a PRELOGIN by its first byte, as SQL Server 2022 does: 0x16 puts TLS under the
     * messages at once (or closes the connection when the front does not serve strict encryption); anything else
     * goes on to the messages as it is (or is closed by a front that serves strict encryption only). Then it takes
     * itself away, handing on what it holds.
     */
    private final class FirstByte extends ByteToMessageDecoder {
        private final TdsFront front;
        private final java.util.function.Supplier<ChannelHandler> strict;

        FirstByte(TdsFront front, java.util.function.Supplier<ChannelHandler> strict) {
            this.front = front;
            this.strict = strict;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (!in.isReadable()) {
                return;
            }
            boolean tlsFirst = in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE;
            TdsTargetSpec.Strict refuses = tlsFirst ? TdsTargetSpec.Strict.NOT_SERVED : TdsTargetSpec.Strict.ONLY;
            if (spec.strict() == refuses) {
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (tlsFirst) {
                front.strict();
                ctx.pipeline().addAfter(ctx.name(), "tls", strict.get());
            }
            ctx.pipeline().remove(this);
        }
    }
}
