package io.tlsweep.targets.scripted;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Raw ClientHello records built byte by byte, and a reader for the handshake messages a server sent. */
final class Hellos {

    /** Renegotiation-info SCSV. */
    static final int SCSV = 0x00FF;

    private Hellos() {
    }

    /** A ClientHello record: this legacy_version, these suites, a zero random, no session id, no extensions. */
    static byte[] hello(int version, int... suites) {
        return hello(version, new byte[0], suites);
    }

    /** Like {@link #hello(int, int...)} with a supported_versions extension listing {@code versions}. */
    static byte[] helloWithSupportedVersions(List<Integer> versions, int... suites) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        u16(ext, 0x002b);
        u16(ext, 1 + 2 * versions.size());
        ext.write(2 * versions.size());
        versions.forEach(v -> u16(ext, v));
        return hello(0x0303, ext.toByteArray(), suites);
    }

    /** The handshake message of a ClientHello with {@code suites} and no extensions: header and body. */
    static int messageLength(int suiteCount) {
        return 4 + 2 + 32 + 1 + 2 + 2 * suiteCount + 1 + 1;
    }

    /**
     * Like {@link #hello(int, int...)} with a padding extension (RFC 7685, zero bytes) that makes the handshake
     * message, header included, exactly {@code messageLength} bytes long.
     */
    static byte[] paddedTo(int messageLength, int version, int... suites) {
        int padding = messageLength - messageLength(suites.length) - 2 - 4;
        if (padding < 0) {
            throw new IllegalArgumentException("too short for a padding extension: " + messageLength);
        }
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        u16(ext, 0x0015);
        u16(ext, padding);
        ext.writeBytes(new byte[padding]);
        return hello(version, ext.toByteArray(), suites);
    }

    /** {@code count} suite codes: {@code count - 1} codes no scripted server is configured with, then {@code last}. */
    static int[] suitesEndingWith(int count, int last) {
        int[] suites = new int[count];
        for (int i = 0; i < count - 1; i++) {
            suites[i] = 0x1400 + i;
        }
        suites[count - 1] = last;
        return suites;
    }

    private static byte[] hello(int version, byte[] extensions, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        body.writeBytes(new byte[32]);
        body.write(0);
        u16(body, 2 * suites.length);
        for (int s : suites) {
            u16(body, s);
        }
        body.write(1);
        body.write(0);
        if (extensions.length > 0) {
            u16(body, extensions.length);
            body.writeBytes(extensions);
        }
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {0x16, 0x03, 0x01});
        u16(record, body.size() + 4);
        record.write(0x01);
        record.write(0);
        u16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    /** One handshake message a server sent: type and body. */
    record Message(int type, byte[] body) {
        int u16(int at) {
            return ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
        }

        int u24(int at) {
            return ((body[at] & 0xff) << 16) | u16(at + 1);
        }
    }

    /** The handshake messages in a run of handshake records (fails on any other record type). */
    static List<Message> messages(byte[] records) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int p = 0;
        while (p < records.length) {
            if (records[p] != 0x16) {
                throw new AssertionError("record type " + records[p] + " at " + p);
            }
            int len = ((records[p + 3] & 0xff) << 8) | (records[p + 4] & 0xff);
            handshake.write(records, p + 5, len);
            p += 5 + len;
        }
        byte[] h = handshake.toByteArray();
        List<Message> out = new ArrayList<>();
        for (int at = 0; at < h.length; ) {
            int len = ((h[at + 1] & 0xff) << 16) | ((h[at + 2] & 0xff) << 8) | (h[at + 3] & 0xff);
            out.add(new Message(h[at] & 0xff, java.util.Arrays.copyOfRange(h, at + 4, at + 4 + len)));
            at += 4 + len;
        }
        return out;
    }

    /** The certificates (DER) of a Certificate message. */
    static List<byte[]> certificates(Message certificate) {
        List<byte[]> out = new ArrayList<>();
        int end = 3 + certificate.u24(0);
        for (int at = 3; at < end; ) {
            int len = certificate.u24(at);
            out.add(java.util.Arrays.copyOfRange(certificate.body(), at + 3, at + 3 + len));
            at += 3 + len;
        }
        return out;
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }
}
