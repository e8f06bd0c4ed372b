package io.tlsweep.wire;

import java.util.List;

/** Builds server-side TLS bytes by hand for decoder tests (independent of the decoder under test). */
final class ServerBytes {
    private final WireWriter w = new WireWriter(256);

    static ServerBytes create() {
        return new ServerBytes();
    }

    ServerBytes record(int type, int version, byte[] fragment) {
        w.u8(type);
        w.u16(version);
        w.u16(fragment.length);
        w.bytes(fragment);
        return this;
    }

    ServerBytes handshake(byte[]... messages) {
        WireWriter m = new WireWriter(256);
        for (byte[] msg : messages) {
            m.bytes(msg);
        }
        return record(TlsRecord.HANDSHAKE, 0x0303, m.toByteArray());
    }

    ServerBytes alert(int level, int description) {
        return record(TlsRecord.ALERT, 0x0303, new byte[] {(byte) level, (byte) description});
    }

    byte[] bytes() {
        return w.toByteArray();
    }

    static byte[] message(int type, byte[] body) {
        WireWriter m = new WireWriter(body.length + 4);
        m.u8(type);
        m.u24(body.length);
        m.bytes(body);
        return m.toByteArray();
    }

    /** A ServerHello message; {@code extensions} are (type, body) pairs already encoded, or null for none. */
    static byte[] serverHello(int version, byte[] random, int suite, byte[] extensions) {
        WireWriter b = new WireWriter(128);
        b.u16(version);
        b.bytes(random);
        b.u8(0);
        b.u16(suite);
        b.u8(0);
        if (extensions != null) {
            b.u16(extensions.length);
            b.bytes(extensions);
        }
        return message(2, b.toByteArray());
    }

    static byte[] ext(int type, byte[] body) {
        WireWriter b = new WireWriter(body.length + 4);
        b.u16(type);
        b.u16(body.length);
        b.bytes(body);
        return b.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        WireWriter b = new WireWriter(64);
        for (byte[] p : parts) {
            b.bytes(p);
        }
        return b.toByteArray();
    }

    static byte[] certificate(List<byte[]> ders) {
        WireWriter b = new WireWriter(256);
        int list = b.openLength(3);
        for (byte[] d : ders) {
            b.u24(d.length);
            b.bytes(d);
        }
        b.closeLength(list);
        return message(11, b.toByteArray());
    }

    static byte[] random(int seed) {
        byte[] r = new byte[32];
        for (int i = 0; i < 32; i++) {
            r[i] = (byte) (seed + i);
        }
        return r;
    }
}
