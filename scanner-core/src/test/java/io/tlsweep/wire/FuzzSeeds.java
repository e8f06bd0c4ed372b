package io.tlsweep.wire;

import java.util.stream.Stream;

/**
 * Seeds for the wire fuzz tests: the captured byte vectors of {@code src/test/resources/vectors}, plus the
 * shapes no capture holds (an SSLv2 SERVER-HELLO).
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /** What servers sent, whole, plus an SSLv2 SERVER-HELLO. */
    public static Stream<byte[]> serverBytes() {
        return Stream.concat(vectors(".server.hex"), Stream.of(sslV2ServerHello()));
    }

    /** The captured ClientHellos of real clients and of the scenarios. */
    public static Stream<byte[]> clientBytes() {
        return vectors(".client.hex");
    }

    /** Every vector, server and client side. */
    public static Stream<byte[]> allBytes() {
        return Stream.concat(serverBytes(), clientBytes());
    }

    private static Stream<byte[]> vectors(String suffix) {
        return Vectors.names(suffix).stream().map(Vectors::load);
    }

    /** SERVER-HELLO: no session hit, X.509, version 2, a 3-byte certificate, two cipher kinds, a connection id. */
    private static byte[] sslV2ServerHello() {
        WireWriter w = new WireWriter(64);
        w.u8(4);
        w.u8(0);
        w.u8(1);
        w.u16(0x0002);
        w.u16(3);
        w.u16(6);
        w.u16(16);
        w.bytes(new byte[] {0x30, 0x01, 0x00});
        w.bytes(new byte[] {1, 0, (byte) 0x80, 7, 0, (byte) 0xC0});
        w.bytes(new byte[16]);
        byte[] body = w.toByteArray();
        WireWriter record = new WireWriter(body.length + 2);
        record.u16(0x8000 | body.length);
        record.bytes(body);
        return record.toByteArray();
    }
}
