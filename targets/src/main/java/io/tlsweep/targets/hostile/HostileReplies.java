package io.tlsweep.targets.hostile;

import java.nio.charset.StandardCharsets;

/** The exact bytes hostile targets send, public so that tests can compare what they receive. */
public final class HostileReplies {

    /** Fixed non-TLS bytes: the first byte is no TLS content type and has no SSLv2 high bit. */
    public static final byte[] GARBAGE = {
        0x5a, 0x3c, (byte) 0x9e, 0x01, 0x7f, 0x42, (byte) 0xd3, 0x00, 0x66, (byte) 0xa5, 0x12, (byte) 0xee, 0x30,
        (byte) 0x81, 0x4b, 0x07, (byte) 0xc9, 0x5d, 0x21, (byte) 0xf0, 0x6a, 0x13, (byte) 0xbb, 0x48, 0x0c,
        (byte) 0x97, 0x3e, 0x75, (byte) 0xd1, 0x2f, (byte) 0x88, 0x19};

    public static final byte[] HTTP_400 = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 11\r\nConnection: close\r\n\r\nBad Request").getBytes(StandardCharsets.US_ASCII);

    public static final byte[] SSH_BANNER = "SSH-2.0-OpenSSH_9.2p1\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Fatal (2) handshake_failure (40) alert in a TLS 1.2 record. */
    public static final byte[] HANDSHAKE_FAILURE_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

    /** Warning (1) close_notify (0) alert in a TLS 1.2 record. */
    public static final byte[] CLOSE_NOTIFY_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00};

    /** A handshake record header announcing 64 bytes, followed by only 16 (a ServerHello start). */
    public static final byte[] TRUNCATED_RECORD = {0x16, 0x03, 0x03, 0x00, 0x40,
        0x02, 0x00, 0x00, 0x3c, 0x03, 0x03, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x08, 0x09, 0x0a};

    /** Length the truncated record's header announces. */
    public static final int TRUNCATED_ANNOUNCED_LENGTH = 0x40;

    /** A handshake record header with length 0xFFFF (beyond 2^14 + 2048), followed by 64 bytes. */
    public static final byte[] OVERSIZED_RECORD = oversized();

    private HostileReplies() {
    }

    private static byte[] oversized() {
        byte[] bytes = new byte[5 + 64];
        bytes[0] = 0x16;
        bytes[1] = 0x03;
        bytes[2] = 0x03;
        bytes[3] = (byte) 0xff;
        bytes[4] = (byte) 0xff;
        bytes[5] = 0x02;
        return bytes;
    }
}
