package io.tlsweep.targets.prelude;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tlsweep.targets.PreludeTargetSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The LDAP part of a prelude target ({@link PreludeTargetSpec.Dialect#LDAP}), written from RFC 4511 apart from the
 * scanner's codec: reads whole LDAPMessages (a SEQUENCE with a short or long definite length, at most
 * {@value #MAX_MESSAGE} bytes); answers any SearchRequest with one SearchResultEntry for the root DSE
 * ({@code supportedSASLMechanisms}: the spec's mechanisms; {@code supportedExtension}: StartTLS and Who am I?) and a
 * successful SearchResultDone; answers the StartTLS ExtendedRequest with success, after which the TLS handlers take
 * its place (or, refusing TLS, with unavailable); closes on anything else (an UnbindRequest, a bind, malformed
 * bytes).
 */
final class LdapExchange extends ChannelInboundHandlerAdapter {
    static final int MAX_MESSAGE = 4096;
    private static final String START_TLS = "1.3.6.1.4.1.1466.20037";
    private static final String WHO_AM_I = "1.3.6.1.4.1.4203.1.11.3";

    private final PreludeTargetSpec spec;
    private final Supplier<List<ChannelHandler>> tls;
    private final ByteBuf pending = Unpooled.buffer(64, MAX_MESSAGE);
    private boolean done;

    LdapExchange(PreludeTargetSpec spec, Supplier<List<ChannelHandler>> tls) {
        this.spec = spec;
        this.tls = tls;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        while (!done && in.isReadable()) {
            if (pending.readableBytes() >= MAX_MESSAGE) {
                close(ctx, in);
                return;
            }
            pending.writeByte(in.readByte());
            int length = messageLength(pending);
            if (length < 0) {
                close(ctx, in);
                return;
            }
            if (length > 0 && pending.readableBytes() == length && answer(ctx, pending.readBytes(length), in)) {
                return; // TLS took over with the rest of the bytes
            }
            pending.discardReadBytes();
        }
        in.release();
    }

    /** The whole message's length once its header is in, 0 before, -1 when it is no LDAPMessage. */
    private static int messageLength(ByteBuf b) {
        if ((b.getByte(0) & 0xFF) != 0x30) {
            return -1;
        }
        if (b.readableBytes() < 2) {
            return 0;
        }
        int first = b.getByte(1) & 0xFF;
        if (first < 0x80) {
            return 2 + first;
        }
        int count = first & 0x7F;
        if (count < 1 || count > 2) {
            return -1;
        }
        if (b.readableBytes() < 2 + count) {
            return 0;
        }
        int n = count == 1 ? b.getByte(2) & 0xFF : b.getUnsignedShort(2);
        return 2 + count + n > MAX_MESSAGE ? -1 : 2 + count + n;
    }

    /** Answers one message; true when TLS starts, {@code rest} then handed on to it. */
    private boolean answer(ChannelHandlerContext ctx, ByteBuf message, ByteBuf rest) {
        byte[] m = new byte[message.readableBytes()];
        message.readBytes(m);
        message.release();
        int at = m[1] < 0 ? 2 + (m[1] & 0x7F) : 2;
        if (m.length < at + 4 || m[at] != 0x02 || m[at + 1] != 1) {
            close(ctx, rest);
            return true;
        }
        int id = m[at + 2] & 0xFF;
        int op = m[at + 3] & 0xFF;
        if (op == 0x63) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(rootDse(id), message(id, element(0x65, result(0)))));
            return false;
        }
        if (op == 0x77 && new String(m, StandardCharsets.ISO_8859_1).contains(START_TLS) && spec.refusesTls()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(message(id, element(0x78, result(52)))));
            return false;
        }
        if (op == 0x77 && new String(m, StandardCharsets.ISO_8859_1).contains(START_TLS)) {
            done = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(message(id, element(0x78, result(0)))));
            TlsHandoff.startTls(ctx, tls.get(), rest);
            return true;
        }
        close(ctx, rest);
        return true;
    }

    private byte[] rootDse(int id) {
        ByteArrayOutputStream mechanisms = new ByteArrayOutputStream();
        for (String m : spec.banner().split(" ")) {
            mechanisms.writeBytes(string(m));
        }
        byte[] attributes = element(0x30,
                element(0x30, string("supportedSASLMechanisms"), element(0x31, mechanisms.toByteArray())),
                element(0x30, string("supportedExtension"), element(0x31, string(START_TLS), string(WHO_AM_I))));
        return message(id, element(0x64, string(""), attributes));
    }

    private static byte[] result(int code) {
        return concat(element(0x0A, new byte[] {(byte) code}), string(""), string(""));
    }

    private static byte[] message(int id, byte[] op) {
        return element(0x30, element(0x02, new byte[] {(byte) id}), op);
    }

    private static byte[] string(String s) {
        return element(0x04, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] element(int tag, byte[]... parts) {
        byte[] body = concat(parts);
        byte[] header = body.length < 0x80 ? new byte[] {(byte) tag, (byte) body.length}
                : new byte[] {(byte) tag, (byte) 0x82, (byte) (body.length >> 8), (byte) body.length};
        return concat(header, body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private void close(ChannelHandlerContext ctx, ByteBuf rest) {
        done = true;
        rest.release();
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pending.release();
    }
}
