package io.tlsweep.targets.hostile;

import java.io.ByteArrayOutputStream;

/** Writes well-formed ServerHello messages and the handshake records that carry them. */
public final class ServerHelloWriter {

    /** The largest record fragment TLS allows (2^14). */
    private static final int MAX_FRAGMENT = 1 << 14;

    private ServerHelloWriter() {
    }

    /** A TLS 1.2 ServerHello choosing {@code suite}, alone in one record ({@link #message}). */
    public static byte[] tls12(ClientHelloSummary hello, int suite) {
        return records(0x0303, message(hello, 0x0303, suite));
    }

    /**
     * A ServerHello handshake message (type, length, body) for {@code version} choosing {@code suite},
     * echoing the client's session id, null compression, and an empty renegotiation_info extension
     * when the client signalled it. The random is fixed (0x01..0x20, so it never carries a downgrade
     * sentinel).
     */
    public static byte[] message(ClientHelloSummary hello, int version, int suite) {
        return message(hello, version, suite, 0, hello.offersRenegotiationInfo());
    }

    /**
     * A ServerHello message like {@link #message(ClientHelloSummary, int, int)} with this compression method, and
     * renegotiation_info only when {@code renegotiationInfo} (what a server without RFC 5746 leaves out).
     */
    public static byte[] message(ClientHelloSummary hello, int version, int suite, int compression,
            boolean renegotiationInfo) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version & 0xff);
        for (int i = 1; i <= 32; i++) {
            body.write(i);
        }
        byte[] sid = hello.sessionId();
        body.write(sid.length);
        body.writeBytes(sid);
        body.write(suite >> 8);
        body.write(suite & 0xff);
        body.write(compression);
        if (renegotiationInfo) {
            body.writeBytes(new byte[] {0x00, 0x05, (byte) 0xff, 0x01, 0x00, 0x01, 0x00});
        }
        return handshake(0x02, body.toByteArray());
    }

    /** A handshake message: one type byte, a three-byte length, the body. */
    public static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write(type);
        message.write(body.length >> 16);
        message.write(body.length >> 8);
        message.write(body.length);
        message.writeBytes(body);
        return message.toByteArray();
    }

    /** Handshake messages in as many handshake records of {@code version} as 2^14-byte fragments need. */
    public static byte[] records(int version, byte[]... messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            all.writeBytes(m);
        }
        byte[] bytes = all.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += MAX_FRAGMENT) {
            int len = Math.min(MAX_FRAGMENT, bytes.length - at);
            out.writeBytes(new byte[] {0x16, (byte) (version >> 8), (byte) version, (byte) (len >> 8), (byte) len});
            out.write(bytes, at, len);
        }
        return out.toByteArray();
    }
}
