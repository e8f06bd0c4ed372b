package io.tlsweep.wire;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Reads what a server says in clear during a handshake that a real TLS stack runs, from the raw bytes it sends:
 * the ServerHello's session id (and whether it agreed to the extended master secret, which a resumption must offer
 * again, RFC 7627 §5.3) and a TLS 1.2 NewSessionTicket (sent before the server's ChangeCipherSpec). Fed
 * the bytes as they come, in any pieces; it frames records, joins handshake messages split across records, and
 * stops reading at the server's ChangeCipherSpec (what follows is encrypted), at bytes that are not TLS records,
 * or past {@code maxBytes}. Pure; never throws on any input.
 */
public final class HandshakeTap {
    private static final int SERVER_HELLO = 2;

    private final int maxBytes;
    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private long read;
    private boolean stopped;
    private byte[] sessionId;
    private NewSessionTicket ticket;
    private boolean extendedMasterSecret;

    public HandshakeTap(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * What was seen so far.
     *
     * @param sessionId the ServerHello's session id, once a ServerHello was read
     * @param ticket the last NewSessionTicket read
     * @param extendedMasterSecret whether the ServerHello carried the extended_master_secret extension
     */
    public record Seen(Optional<byte[]> sessionId, Optional<NewSessionTicket> ticket, boolean extendedMasterSecret) {
        public Seen {
            sessionId = sessionId.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> sessionId() {
            return sessionId.map(byte[]::clone);
        }
    }

    public Seen seen() {
        return new Seen(Optional.ofNullable(sessionId), Optional.ofNullable(ticket), extendedMasterSecret);
    }

    /** Whether it reads no more (after the ChangeCipherSpec, bytes that are not records, or too many). */
    public boolean stopped() {
        return stopped;
    }

    /** Reads {@code length} more bytes the server sent, from {@code offset}. */
    public void received(byte[] in, int offset, int length) {
        if (stopped) {
            return;
        }
        read += length;
        if (read > maxBytes) {
            stopped = true;
            return;
        }
        records.write(in, offset, length);
        byte[] buf = records.toByteArray();
        int at = 0;
        while (!stopped) {
            RecordFramer.Frame f = RecordFramer.next(buf, at, buf.length - at);
            if (f instanceof RecordFramer.Frame.Complete c) {
                at += c.consumed();
                record(c.record());
            } else {
                stopped = f instanceof RecordFramer.Frame.Invalid;
                break;
            }
        }
        records.reset();
        records.write(buf, at, buf.length - at);
    }

    private void record(TlsRecord r) {
        if (r.contentType() == TlsRecord.CHANGE_CIPHER_SPEC || r.contentType() == TlsRecord.APPLICATION_DATA) {
            stopped = true;
            return;
        }
        if (r.contentType() != TlsRecord.HANDSHAKE) {
            return;
        }
        messages.writeBytes(r.fragment());
        byte[] buf = messages.toByteArray();
        int at = 0;
        while (buf.length - at >= 4) {
            int length = (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | (buf[at + 3] & 0xFF);
            if (buf.length - at - 4 < length) {
                break;
            }
            byte[] body = new byte[length];
            System.arraycopy(buf, at + 4, body, 0, length);
            message(buf[at] & 0xFF, body);
            at += 4 + length;
        }
        messages.reset();
        messages.write(buf, at, buf.length - at);
    }

    private void message(int type, byte[] body) {
        if (type == SERVER_HELLO) {
            WireReader r = new WireReader(body);
            try {
                r.skip(2 + 32, "version and random");
                sessionId = r.bytes(r.u8("session id length"), "session id");
                r.skip(2 + 1, "cipher suite and compression");
                WireReader extensions = r.hasRemaining() ? r.sub(r.u16("extensions length"), "extensions")
                        : new WireReader(new byte[0]);
                while (extensions.hasRemaining()) {
                    int extension = extensions.u16("extension type");
                    extensions.skip(extensions.u16("extension length"), "extension");
                    extendedMasterSecret |= extension == ExtensionType.EXTENDED_MASTER_SECRET.code();
                }
            } catch (WireReader.DecodeError e) {
                stopped = true;
            }
        } else if (type == NewSessionTicket.TYPE) {
            NewSessionTicket.decode(body).ifPresent(t -> ticket = t);
        }
    }
}
