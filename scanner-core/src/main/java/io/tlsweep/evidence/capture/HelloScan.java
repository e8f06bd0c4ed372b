package io.tlsweep.evidence.capture;

import io.tlsweep.wire.ClientHello;
import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;

/**
 * Finds the first TLS hello in one direction of a connection, wherever it starts: at the first byte for TLS,
 * after a plain-text prelude for STARTTLS (SMTP, IMAP, POP3, FTP, LDAP, XMPP ...). A candidate is a record header
 * (handshake 0x16, version 0x03 0x00..0x04, a length a hello can have) followed by the handshake type wanted, or on
 * the server's side an alert record; it is decoded with the {@code wire} decoders, and the search moves past a
 * candidate that does not decode. Called again as the stream grows, it goes on from where it stopped. Pure.
 */
final class HelloScan {
    private static final int HANDSHAKE = 0x16;
    private static final int ALERT = 0x15;
    private static final int MAX_RECORD = 16384 + 2048;

    private int from;
    private boolean pending;

    /** The ClientHello in {@code bytes[0, length)}, or null while there is none (yet). */
    ClientHello client(byte[] bytes, int length) {
        while (true) {
            int at = candidate(bytes, length, true);
            if (at < 0) {
                return null;
            }
            ClientHelloDecoder.Result r = ClientHelloDecoder.decode(bytes, at, length - at);
            if (r instanceof ClientHelloDecoder.Result.Decoded d) {
                return d.hello();
            }
            if (r instanceof ClientHelloDecoder.Result.NeedMore) {
                return waitAt(at);
            }
            from = at + 1;
        }
    }

    /**
     * The server's answer in {@code bytes[0, length)}: a ServerHello (read as soon as it is whole; a
     * HelloRetryRequest is passed over for the ServerHello after it) or an alert that ended the handshake; null
     * while there is neither (yet).
     */
    ServerResponse server(byte[] bytes, int length) {
        while (true) {
            int at = candidate(bytes, length, false);
            if (at < 0) {
                return null;
            }
            ServerResponseDecoder.Decoding d = ServerResponseDecoder.decode(bytes, at, length - at);
            if (d instanceof ServerResponseDecoder.Decoding.Done done) {
                ServerResponse r = done.response();
                if (r instanceof ServerHello || r instanceof ServerResponse.Alert) {
                    return r;
                }
                from = r instanceof HelloRetryRequest ? at + done.consumed() : at + 1;
                continue;
            }
            ServerResponse partial = ServerResponseDecoder.finish(bytes, at, length - at);
            if (partial instanceof ServerHello) {
                return partial; // the rest of a TLS 1.2 flight (certificates ...) is not needed
            }
            return waitAt(at);
        }
    }

    /** Whether a candidate was found that waits for more bytes. */
    boolean pending() {
        return pending;
    }

    private <T> T waitAt(int at) {
        from = at;
        pending = true;
        return null;
    }

    private int candidate(byte[] b, int length, boolean client) {
        pending = false;
        int i = from;
        for (; i + 6 <= length; i++) {
            int type = b[i] & 0xFF;
            if (type != HANDSHAKE && type != ALERT || b[i + 1] != 3 || (b[i + 2] & 0xFF) > 4) {
                continue;
            }
            int recordLength = (b[i + 3] & 0xFF) << 8 | (b[i + 4] & 0xFF);
            if (type == HANDSHAKE && recordLength >= 4 && recordLength <= MAX_RECORD
                    && (b[i + 5] & 0xFF) == (client ? 1 : 2)
                    || !client && type == ALERT && recordLength == 2) {
                return i;
            }
        }
        from = i;
        return -1;
    }
}
