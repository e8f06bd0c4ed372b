package io.tlsweep.targets.prelude;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.targets.TdsTargetSpec.Encryption;
import java.util.function.Supplier;

/**
 * The scripted SQL Server front of a {@link TdsTargetSpec}, after {@link TdsMessages}: answers the PRELOGIN, puts
 * TLS under the messages when the two ENCRYPTION values call for it (the handshake in TDS packets, bare records
 * after it), then accepts any LOGIN7 and answers every later request with DONE. With login-only encryption (both
 * said OFF) it takes TLS away again after the LOGIN7, as SQL Server does. On a strict connection (TDS 8.0) TLS is
 * already under the messages when PRELOGIN comes: it is answered, and TLS stays as it is for the whole connection.
 */
final class TdsFront extends ChannelInboundHandlerAdapter {
    private final TdsTargetSpec spec;
    private final Supplier<ChannelHandler> tls;
    private boolean preloginDone;
    private boolean loginOnly;
    private boolean strict;

    TdsFront(TdsTargetSpec spec, Supplier<ChannelHandler> tls) {
        this.spec = spec;
        this.tls = tls;
    }

    /**
     * The server's answer to the client's ENCRYPTION ([MS-TDS] 2.2.6.5): NOT_SUP from a server that has no TLS or
     * a client that wants none (REQ when the server will not go without); otherwise OFF for a client saying OFF to
     * a server that does not force encryption (TLS for the login only), REQ from a server that forces it, ON else.
     */
    static Encryption answer(Encryption server, Encryption client) {
        if (server == Encryption.NOT_SUP || client == Encryption.NOT_SUP) {
            return server == Encryption.NOT_SUP || server == Encryption.OFF ? Encryption.NOT_SUP : Encryption.REQ;
        }
        if (server == Encryption.REQ) {
            return Encryption.REQ;
        }
        return server == Encryption.OFF && client == Encryption.OFF ? Encryption.OFF : Encryption.ON;
    }

    /** This connection is strict: TLS came first, PRELOGIN and the rest travel inside it. */
    void strict() {
        strict = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TdsMessages.Message message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!preloginDone) {
            prelogin(ctx, message);
        } else if (message.type() == TdsReplies.LOGIN7) {
            if (loginOnly) {
                loginOnly = false;
                ctx.pipeline().remove("tls");
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TdsReplies.loginAccepted(spec, message.payload())));
        } else {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TdsReplies.done()));
        }
    }

    private void prelogin(ChannelHandlerContext ctx, TdsMessages.Message message) {
        preloginDone = true;
        if (message.type() != TdsReplies.PRELOGIN) {
            ctx.close();
            return;
        }
        Encryption client = TdsReplies.clientEncryption(message.payload());
        Encryption answer = answer(spec.encryption(), client);
        var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(TdsReplies.preloginResponse(spec, answer)));
        if (answer == Encryption.REQ && client == Encryption.NOT_SUP) {
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (answer == Encryption.NOT_SUP || strict) {
            return;
        }
        loginOnly = answer == Encryption.OFF;
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addBefore("tds-messages", "tds-unwrap", new TdsPackets.Unwrap());
        pipeline.addBefore("tds-messages", "tds-wrap", new TdsPackets.Wrap());
        pipeline.addBefore("tds-messages", "tls", tls.get());
        pipeline.addBefore("tds-messages", "tds-unframe", new Unframe());
    }

    /** Takes the TDS packets away from under TLS once the handshake is done: records travel bare after it. */
    private static final class Unframe extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                if (done.isSuccess()) {
                    ctx.pipeline().remove("tds-wrap");
                    ctx.pipeline().remove("tds-unwrap");
                    ctx.pipeline().remove(this);
                } else {
                    ctx.close();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
