package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes what a server sent in answer to one ClientHello. Pure and stateless: call {@link #decode} with
 * everything received so far each time more arrives; once the connection ends (close, reset, deadline),
 * {@link #finish} turns what there is into a final answer. Neither ever throws on any input.
 *
 * <p>Decisive answers: a HelloRetryRequest; a TLS 1.3 ServerHello; a TLS ≤ 1.2 ServerHello once its flight
 * reaches ServerHelloDone (or a ChangeCipherSpec); a fatal alert or close_notify; bytes that are not TLS;
 * bytes that break the protocol. Warning alerts (such as unrecognized_name) are read through.
 */
public final class ServerResponseDecoder {
    /** A single handshake message larger than this is treated as hostile. */
    public static final int MAX_HANDSHAKE_MESSAGE = 1 << 18;

    /** The state of decoding: not decided yet, or decided. */
    public sealed interface Decoding {
        /** Nothing decisive yet; at least {@code bytesNeeded} more bytes are wanted. */
        record NeedMore(int bytesNeeded) implements Decoding {
        }

        /**
         * Decided. {@code consumed} is where the answer ends in the bytes given: past the record that decided
         * it (bytes after it, such as the rest of a TLS 1.3 flight, are not part of the answer), or all of
         * them for an answer that is not made of records (not TLS, SSL 2.0) or was decided at the end.
         */
        record Done(ServerResponse response, int consumed) implements Decoding {
        }
    }

    private ServerResponseDecoder() {
    }

    public static Decoding decode(byte[] buf, int off, int len) {
        return new Run(buf, off, len).run(false);
    }

    public static Decoding decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /** The final answer once no more bytes will come; a partial ServerHello flight is kept. */
    public static ServerResponse finish(byte[] buf, int off, int len) {
        return ((Decoding.Done) new Run(buf, off, len).run(true)).response();
    }

    public static ServerResponse finish(byte[] buf) {
        return finish(buf, 0, buf.length);
    }

    /** One pass over the bytes received so far. */
    private static final class Run {
        private final byte[] buf;
        private final int off;
        private final int len;
        private int pos;
        private WireWriter handshake;
        private int handshakeRead;
        private final List<AlertDescription> warnings = new ArrayList<>();
        private boolean seenHandshake;
        private ServerHello hello;
        private final List<byte[]> certificates = new ArrayList<>();
        private Optional<KeyExchangeParams> keyExchange = Optional.empty();
        private Optional<SignatureScheme> keyExchangeSignature = Optional.empty();
        private boolean ocsp;
        private boolean certificateRequested;

        Run(byte[] buf, int off, int len) {
            this.buf = buf;
            this.off = off;
            this.len = len;
        }

        Decoding run(boolean atEnd) {
            if (len == 0) {
                return atEnd ? done(new ServerResponse.Malformed("no bytes received", 0)) : new Decoding.NeedMore(1);
            }
            int first = buf[off] & 0xFF;
            if (!TlsRecord.isContentType(first)) {
                return notTls(atEnd);
            }
            while (true) {
                RecordFramer.Frame frame = RecordFramer.next(buf, off + pos, len - pos);
                if (frame instanceof RecordFramer.Frame.NeedMore more) {
                    return atEnd ? done(endedEarly()) : new Decoding.NeedMore(more.bytesNeeded());
                }
                if (frame instanceof RecordFramer.Frame.Invalid bad) {
                    if (hello != null) {
                        return done(flight(false, Optional.empty()));
                    }
                    return pos == 0 && bad.notTls() ? banner(atEnd)
                            : done(new ServerResponse.Malformed(bad.reason(), pos));
                }
                RecordFramer.Frame.Complete complete = (RecordFramer.Frame.Complete) frame;
                int recordAt = pos;
                pos += complete.consumed();
                ServerResponse decided = onRecord(complete.record(), recordAt);
                if (decided != null) {
                    return new Decoding.Done(decided, atEnd ? len : pos);
                }
            }
        }

        private Decoding notTls(boolean atEnd) {
            if (SslV2Parser.plausible(buf, off, len)) {
                if (len < 3 && !atEnd) {
                    return new Decoding.NeedMore(1); // its third byte tells whether it is a SERVER-HELLO
                }
                int missing = SslV2Parser.missing(buf, off, len);
                if (missing == 0) {
                    return done(SslV2Parser.parse(buf, off, len));
                }
                if (!atEnd) {
                    return new Decoding.NeedMore(missing);
                }
            }
            return banner(atEnd);
        }

        /** A non-TLS answer, named once its first bytes decide (or the connection ended). */
        private Decoding banner(boolean atEnd) {
            if (!atEnd && !Banner.decisive(buf, off, len)) {
                return new Decoding.NeedMore(1);
            }
            return done(Banner.classify(buf, off, len));
        }

        /** Handles one record; returns the answer when it decides one, else null. */
        private ServerResponse onRecord(TlsRecord record, int at) {
            byte[] f = record.fragment();
            switch (record.contentType()) {
                case TlsRecord.ALERT -> {
                    return onAlert(f, at);
                }
                case TlsRecord.HANDSHAKE -> {
                    if (handshake == null) {
                        handshake = new WireWriter(Math.max(256, f.length));
                    }
                    handshake.bytes(f);
                    return onHandshakeBytes(at);
                }
                case TlsRecord.CHANGE_CIPHER_SPEC -> {
                    return hello != null ? flight(true, Optional.empty())
                            : new ServerResponse.Malformed("change_cipher_spec before ServerHello", at);
                }
                default -> {
                    return hello != null ? flight(false, Optional.empty())
                            : new ServerResponse.Malformed(TlsRecord.contentTypeName(record.contentType())
                                    + " record before ServerHello", at);
                }
            }
        }

        private ServerResponse onAlert(byte[] f, int at) {
            if (f.length % 2 != 0) {
                return hello != null ? flight(false, Optional.empty())
                        : new ServerResponse.Malformed("alert record of " + f.length + " bytes", at);
            }
            for (int i = 0; i < f.length; i += 2) {
                int level = f[i] & 0xFF;
                AlertDescription description = AlertDescription.of(f[i + 1] & 0xFF);
                if (level == ServerResponse.Alert.WARNING && description.code() != 0) {
                    warnings.add(description);
                    continue;
                }
                ServerResponse.Alert alert = new ServerResponse.Alert(level, description, !seenHandshake);
                return hello != null ? flight(false, Optional.of(alert)) : alert;
            }
            return null;
        }

        private ServerResponse onHandshakeBytes(int at) {
            byte[] hs = handshake.array();
            while (handshake.size() - handshakeRead >= 4) {
                int type = hs[handshakeRead] & 0xFF;
                int length = (hs[handshakeRead + 1] & 0xFF) << 16 | (hs[handshakeRead + 2] & 0xFF) << 8
                        | (hs[handshakeRead + 3] & 0xFF);
                if (length > MAX_HANDSHAKE_MESSAGE) {
                    return hello != null ? flight(false, Optional.empty()) : new ServerResponse.Malformed(
                            "handshake message of " + length + " bytes exceeds " + MAX_HANDSHAKE_MESSAGE, at);
                }
                if (handshake.size() - handshakeRead - 4 < length) {
                    return null;
                }
                byte[] body = new byte[length];
                System.arraycopy(hs, handshakeRead + 4, body, 0, length);
                handshakeRead += 4 + length;
                seenHandshake = true;
                ServerResponse decided = onMessage(type, body, at);
                if (decided != null) {
                    return decided;
                }
            }
            return null;
        }

        private ServerResponse onMessage(int type, byte[] body, int at) {
            if (hello == null) {
                if (type != HandshakeParser.SERVER_HELLO) {
                    return new ServerResponse.Malformed("expected ServerHello, got handshake message type "
                            + type, at);
                }
                ServerResponse parsed;
                try {
                    parsed = HandshakeParser.serverHello(body, warnings);
                } catch (WireReader.DecodeError e) {
                    return new ServerResponse.Malformed("ServerHello: " + e.getMessage(), at);
                }
                if (parsed instanceof ServerHello sh && !sh.version().atLeast(ProtocolVersion.TLSv1_3)
                        && !sh.version().isTls13Draft()) {
                    hello = sh;
                    return null;
                }
                return parsed instanceof ServerHello sh ? sh.withFlight(
                        new ServerHello.FirstFlight(List.of(), Optional.empty(), false, false, true,
                                Optional.empty()), warnings) : parsed;
            }
            try {
                switch (type) {
                    case HandshakeParser.CERTIFICATE -> certificates.addAll(HandshakeParser.certificates(body));
                    case HandshakeParser.SERVER_KEY_EXCHANGE -> {
                        keyExchange = Optional.of(HandshakeParser.serverKeyExchange(body, hello.version()));
                        keyExchangeSignature = HandshakeParser.keyExchangeSignature(body, hello.version());
                    }
                    case HandshakeParser.CERTIFICATE_STATUS -> ocsp = true;
                    case HandshakeParser.CERTIFICATE_REQUEST -> certificateRequested = true;
                    case HandshakeParser.SERVER_HELLO_DONE -> {
                        return flight(true, Optional.empty());
                    }
                    default -> {
                        // other messages in the flight are not needed for scanning
                    }
                }
            } catch (WireReader.DecodeError e) {
                return flight(false, Optional.empty());
            }
            return null;
        }

        /** The answer when the bytes stop before anything was decided. */
        private ServerResponse endedEarly() {
            if (hello != null) {
                return flight(false, Optional.empty());
            }
            if (!warnings.isEmpty()) {
                return new ServerResponse.Alert(ServerResponse.Alert.WARNING, warnings.get(warnings.size() - 1),
                        !seenHandshake);
            }
            return new ServerResponse.Malformed("truncated: the response ends inside a record or message", pos);
        }

        private ServerHello flight(boolean complete, Optional<ServerResponse.Alert> alert) {
            return hello.withFlight(new ServerHello.FirstFlight(certificates, keyExchange, ocsp,
                    certificateRequested, complete, alert, keyExchangeSignature, Optional.empty()), warnings);
        }

        /** An answer that takes every byte given. */
        private Decoding done(ServerResponse r) {
            return new Decoding.Done(r, len);
        }
    }
}
