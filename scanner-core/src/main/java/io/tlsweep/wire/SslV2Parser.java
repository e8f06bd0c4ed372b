package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.List;

/** Recognises an SSL 2.0 SERVER-HELLO (two-byte record header with the high bit set). */
final class SslV2Parser {
    private static final int SERVER_HELLO = 4;

    private SslV2Parser() {
    }

    /** Whether the first bytes could start an SSLv2 record carrying a SERVER-HELLO. */
    static boolean plausible(byte[] buf, int off, int len) {
        return (buf[off] & 0x80) != 0 && (len < 3 || (buf[off + 2] & 0xFF) == SERVER_HELLO);
    }

    /** Bytes still missing for the whole record, or 0 when it is all there. */
    static int missing(byte[] buf, int off, int len) {
        if (len < 2) {
            return 2 - len;
        }
        int length = (buf[off] & 0x7F) << 8 | (buf[off + 1] & 0xFF);
        return Math.max(0, 2 + length - len);
    }

    static ServerResponse parse(byte[] buf, int off, int len) {
        int length = (buf[off] & 0x7F) << 8 | (buf[off + 1] & 0xFF);
        try {
            WireReader r = new WireReader(buf, off + 2, length);
            r.u8("msg_type");
            r.u8("session_id_hit");
            r.u8("certificate_type");
            ProtocolVersion version = ProtocolVersion.of(r.u16("server_version"));
            int certLength = r.u16("certificate_length");
            int specsLength = r.u16("cipher_specs_length");
            int connectionIdLength = r.u16("connection_id_length");
            if (version.code() != 0x0002 || specsLength % 3 != 0) {
                return Banner.classify(buf, off, Math.min(len, 2 + length));
            }
            byte[] cert = r.bytes(certLength, "certificate");
            List<Integer> specs = new ArrayList<>(specsLength / 3);
            for (int i = 0; i < specsLength / 3; i++) {
                specs.add(r.u8("cipher_kind") << 16 | r.u16("cipher_kind"));
            }
            r.skip(connectionIdLength, "connection_id");
            return new ServerResponse.SslV2ServerHello(version, specs, cert);
        } catch (WireReader.DecodeError e) {
            return new ServerResponse.Malformed("SSLv2 SERVER-HELLO: " + e.getMessage(), 0);
        }
    }
}
