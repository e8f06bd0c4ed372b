package io.tlsweep.targets.prelude;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlsweep.targets.hostile.ClientHelloReader;
import io.tlsweep.targets.hostile.ClientHelloSummary;
import io.tlsweep.targets.scripted.LegacyServerScript;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The scripted TLS after a prelude: the first record must be a ClientHello, answered as the
 * {@link LegacyServerScript} says (a fatal alert closes at once); the second record is answered by
 * {@link #answerFollowUp}; {@code linger} after that, or after a first flight that nothing follows, the server
 * closes. Records come whole from {@link TlsRecords}.
 */
public final class ScriptedConversation extends ChannelInboundHandlerAdapter {
    private static final int HEARTBEAT = 24;
    private static final int HEARTBEAT_REQUEST = 1;
    private static final int HEARTBEAT_RESPONSE = 2;
    private static final int MIN_PADDING = 16;
    private static final int UNEXPECTED_MESSAGE = 10;

    private final LegacyServerScript script;
    private final Duration linger;
    private int records;
    private ScheduledFuture<?> closer;

    public ScriptedConversation(LegacyServerScript script, Duration linger) {
        this.script = script;
        this.linger = linger;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof byte[] record) || records == 2) {
            ReferenceCountUtil.release(msg);
            return;
        }
        records++;
        if (records == 1) {
            Optional<ClientHelloSummary> hello = ClientHelloReader.read(record);
            if (hello.isEmpty()) {
                ctx.close();
                return;
            }
            LegacyServerScript.Answer answer = script.answer(hello.get());
            var written = ctx.writeAndFlush(Unpooled.wrappedBuffer(answer.bytes()));
            if (answer.refused()) {
                written.addListener(ChannelFutureListener.CLOSE);
                return;
            }
        } else {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(answerFollowUp(record)));
        }
        if (closer != null) {
            closer.cancel(false);
        }
        closer = ctx.executor().schedule(() -> {
            ctx.close();
        }, linger.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The answer to the record after the first flight: to a well-formed heartbeat request (RFC 6520: type 1, a
     * payload length, the payload, at least 16 bytes of padding, in a heartbeat record) a heartbeat response with
     * the same payload and 16 zero bytes of padding, in a record of the request's version; to anything else a
     * fatal unexpected_message alert.
     */
    public static byte[] answerFollowUp(byte[] record) {
        int length = record.length - 5;
        if (record.length >= 5 + 3 + MIN_PADDING && (record[0] & 0xFF) == HEARTBEAT
                && (record[5] & 0xFF) == HEARTBEAT_REQUEST) {
            int payload = (record[6] & 0xFF) << 8 | (record[7] & 0xFF);
            if (3 + payload + MIN_PADDING <= length) {
                int fragment = 3 + payload + MIN_PADDING;
                byte[] out = new byte[5 + fragment];
                out[0] = HEARTBEAT;
                out[1] = record[1];
                out[2] = record[2];
                out[3] = (byte) (fragment >> 8);
                out[4] = (byte) fragment;
                out[5] = HEARTBEAT_RESPONSE;
                System.arraycopy(record, 6, out, 6, 2 + payload);
                return out;
            }
        }
        return new byte[] {0x15, record.length >= 3 ? record[1] : 0x03, record.length >= 3 ? record[2] : 0x03,
            0x00, 0x02, 0x02, UNEXPECTED_MESSAGE};
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closer != null) {
            closer.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
