package io.tlsweep.wire;

import java.util.Optional;

/**
 * A TLS 1.2 (RFC 5077 §3.3) NewSessionTicket: the lifetime hint in seconds (0: unspecified) and the opaque ticket,
 * which a later hello offers in its session_ticket extension to resume. TLS 1.3's NewSessionTicket is encrypted and
 * shaped differently; it is never read here.
 */
public record NewSessionTicket(long lifetimeHintSeconds, byte[] ticket) {
    /** The handshake message type. */
    public static final int TYPE = 4;

    public NewSessionTicket {
        if (lifetimeHintSeconds < 0 || lifetimeHintSeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("lifetime hint out of uint32: " + lifetimeHintSeconds);
        }
        ticket = ticket.clone();
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    /** The ticket's length in bytes. */
    public int length() {
        return ticket.length;
    }

    /** Reads the body of a NewSessionTicket message (after its 4-byte header); empty when it is not one. */
    public static Optional<NewSessionTicket> decode(byte[] body) {
        WireReader r = new WireReader(body);
        try {
            long hint = (long) r.u16("lifetime hint") << 16 | r.u16("lifetime hint");
            byte[] ticket = r.bytes(r.u16("ticket length"), "ticket");
            if (r.hasRemaining()) {
                return Optional.empty();
            }
            return Optional.of(new NewSessionTicket(hint, ticket));
        } catch (WireReader.DecodeError e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "NewSessionTicket[lifetime hint " + lifetimeHintSeconds + " s, " + ticket.length + " bytes]";
    }
}
