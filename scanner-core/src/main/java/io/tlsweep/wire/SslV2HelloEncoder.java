package io.tlsweep.wire;

import java.util.Arrays;

/**
 * Encodes a {@link ClientHelloSpec} whose record version is SSLv2 as an SSL 2.0 CLIENT-HELLO: a two-byte record
 * header (high bit set, 15-bit length, no padding), then MSG-CLIENT-HELLO (1), the client version, the lengths of
 * the cipher specs, the session id and the challenge, and those three (the SSL 2.0 draft; RFC 5246 §E.2 for the
 * SSLv2-compatible form). The cipher specs are the spec's SSLv2 kinds, then its TLS suites as {@code 0x00} and
 * their two bytes; the challenge is the spec's 32-byte random.
 */
final class SslV2HelloEncoder {
    static final int MSG_CLIENT_HELLO = 1;
    private static final int MAX_RECORD = 0x7FFF;

    private SslV2HelloEncoder() {
    }

    /**
     * @throws IllegalArgumentException when the spec asks for what SSLv2 cannot carry: an extension, a compression
     *     method other than null alone, a session id neither empty nor 16 bytes
     */
    static byte[] encode(ClientHelloSpec spec) {
        if (spec.hasExtensions()) {
            throw new IllegalArgumentException("an SSLv2-format hello carries no extension");
        }
        if (!Arrays.equals(spec.compressionMethods(), new byte[] {0})) {
            throw new IllegalArgumentException("an SSLv2-format hello carries no compression method");
        }
        byte[] sessionId = spec.sessionId();
        if (sessionId.length != 0 && sessionId.length != 16) {
            throw new IllegalArgumentException("an SSLv2 session id is 16 bytes, not " + sessionId.length);
        }
        int specs = 3 * (spec.sslV2CipherKinds().size() + spec.cipherSuites().size());
        byte[] challenge = spec.random();
        int length = 9 + specs + sessionId.length + challenge.length;
        if (length > MAX_RECORD) {
            throw new IllegalArgumentException("an SSLv2-format hello of " + length + " bytes is too long");
        }
        WireWriter w = new WireWriter(2 + length);
        w.u16(0x8000 | length);
        w.u8(MSG_CLIENT_HELLO);
        w.u16(spec.clientVersion().code());
        w.u16(specs);
        w.u16(sessionId.length);
        w.u16(challenge.length);
        for (SslV2CipherKind k : spec.sslV2CipherKinds()) {
            w.u24(k.code());
        }
        for (CipherSuite s : spec.cipherSuites()) {
            w.u24(s.code());
        }
        w.bytes(sessionId);
        w.bytes(challenge);
        return w.toByteArray();
    }
}
