package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ClientHello back from record bytes (one or more handshake records). Pure; never throws.
 * The target farm and passive analysis use it; the scanner's tests use it to check the encoder.
 */
public final class ClientHelloDecoder {

    /** The outcome of decoding. */
    public sealed interface Result {
        record Decoded(ClientHello hello, int consumed) implements Result {
        }

        record NeedMore(int bytesNeeded) implements Result {
        }

        record Malformed(String reason) implements Result {
        }
    }

    private ClientHelloDecoder() {
    }

    public static Result decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    public static Result decode(byte[] buf, int off, int len) {
        WireWriter message = new WireWriter(512);
        ProtocolVersion recordVersion = null;
        int pos = 0;
        while (true) {
            RecordFramer.Frame frame = RecordFramer.next(buf, off + pos, len - pos);
            if (frame instanceof RecordFramer.Frame.NeedMore more) {
                return new Result.NeedMore(more.bytesNeeded());
            }
            if (frame instanceof RecordFramer.Frame.Invalid bad) {
                return new Result.Malformed(bad.reason());
            }
            RecordFramer.Frame.Complete c = (RecordFramer.Frame.Complete) frame;
            if (c.record().contentType() != TlsRecord.HANDSHAKE) {
                return new Result.Malformed("expected a handshake record, got "
                        + TlsRecord.contentTypeName(c.record().contentType()));
            }
            if (recordVersion == null) {
                recordVersion = c.record().version();
            }
            pos += c.consumed();
            message.bytes(c.record().fragment());
            if (message.size() >= 4) {
                byte[] m = message.array();
                if ((m[0] & 0xFF) != ClientHelloEncoder.HANDSHAKE_CLIENT_HELLO) {
                    return new Result.Malformed("handshake message type " + (m[0] & 0xFF) + " is not ClientHello");
                }
                int length = (m[1] & 0xFF) << 16 | (m[2] & 0xFF) << 8 | (m[3] & 0xFF);
                if (length > ServerResponseDecoder.MAX_HANDSHAKE_MESSAGE) {
                    return new Result.Malformed("ClientHello of " + length + " bytes");
                }
                if (message.size() >= 4 + length) {
                    return body(recordVersion, m, length, pos);
                }
            }
        }
    }

    private static Result body(ProtocolVersion recordVersion, byte[] m, int length, int consumed) {
        try {
            WireReader r = new WireReader(m, 4, length);
            ProtocolVersion clientVersion = ProtocolVersion.of(r.u16("client_version"));
            byte[] random = r.bytes(32, "random");
            byte[] sessionId = r.vectorBytes(1, "session_id");
            if (sessionId.length > 32) {
                return new Result.Malformed("session_id of " + sessionId.length + " bytes");
            }
            WireReader suites = r.vector(2, "cipher_suites");
            if (suites.remaining() % 2 != 0 || suites.remaining() == 0) {
                return new Result.Malformed("cipher_suites length " + suites.remaining());
            }
            List<CipherSuite> list = new ArrayList<>(suites.remaining() / 2);
            while (suites.hasRemaining()) {
                list.add(CipherSuite.of(suites.u16("cipher_suite")));
            }
            byte[] compression = r.vectorBytes(1, "compression_methods");
            List<Extension> extensions = new ArrayList<>();
            if (r.hasRemaining()) {
                WireReader ext = r.vector(2, "extensions");
                while (ext.hasRemaining()) {
                    int type = ext.u16("extension type");
                    extensions.add(Extension.of(type, ext.vectorBytes(2, "extension " + Hex.u16(type))));
                }
            }
            r.expectEnd("ClientHello");
            return new Result.Decoded(new ClientHello(recordVersion, clientVersion, random, sessionId, list,
                    compression, extensions), consumed);
        } catch (WireReader.DecodeError e) {
            return new Result.Malformed(e.getMessage());
        }
    }
}
