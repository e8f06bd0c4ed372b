package io.tlsweep.prelude.ldap;

import io.tlsweep.prelude.ShortText;
import java.util.Optional;

/**
 * An LDAP ExtendedResponse (RFC 4511 section 4.12), read from one whole LDAPMessage: its message ID, result
 * code, matched DN and diagnostic message (both cut short), and the responseName when there is one. Message ID
 * 0 is an unsolicited notification, such as the notice of disconnection a server sends before it closes.
 */
record ExtendedResponse(long messageId, int resultCode, String matchedDn, String diagnosticMessage,
        Optional<String> responseName) {

    private static final int EXTENDED_RESPONSE = 0x78;
    private static final int RESPONSE_NAME = 0x8A;

    /** What {@link #read} made of a message. */
    sealed interface Reading {
        record Read(ExtendedResponse response) implements Reading {
        }

        record Malformed(String reason) implements Reading {
        }
    }

    /**
     * Reads the LDAPMessage whose SEQUENCE value lies in {@code in[start, end)} (the caller has the whole
     * message). Never throws.
     */
    static Reading read(byte[] in, int start, int end) {
        Cursor c = new Cursor(in, end);
        Ber.Header.Element id = c.next(start, Ber.INTEGER, "the messageID");
        if (id == null) {
            return new Reading.Malformed(c.error);
        }
        long messageId = Ber.nonNegative(in, id);
        if (messageId < 0) {
            return new Reading.Malformed("a messageID that is not an INTEGER of 1 to 4 bytes from 0 up");
        }
        Ber.Header.Element op = c.next(id.end(), -1, "the protocolOp");
        if (op == null) {
            return new Reading.Malformed(c.error);
        }
        if (op.tag() != EXTENDED_RESPONSE) {
            return new Reading.Malformed(String.format("a protocolOp with tag 0x%02X, not an ExtendedResponse"
                    + " ([APPLICATION 24], 0x78)", op.tag()));
        }
        Cursor inOp = new Cursor(in, op.end());
        Ber.Header.Element code = inOp.next(op.valueStart(), Ber.ENUMERATED, "the resultCode");
        Ber.Header.Element dn = code == null ? null : inOp.next(code.end(), Ber.OCTET_STRING, "the matchedDN");
        Ber.Header.Element diagnostic = dn == null ? null
                : inOp.next(dn.end(), Ber.OCTET_STRING, "the diagnosticMessage");
        if (diagnostic == null) {
            return new Reading.Malformed(inOp.error);
        }
        long resultCode = Ber.nonNegative(in, code);
        if (resultCode < 0 || resultCode > Integer.MAX_VALUE) {
            return new Reading.Malformed("a resultCode that is not an ENUMERATED of 1 to 4 bytes from 0 up");
        }
        Optional<String> name = Optional.empty();
        for (int at = diagnostic.end(); at < op.end(); ) {
            Ber.Header.Element e = inOp.next(at, -1, "an optional element of the ExtendedResponse");
            if (e == null) {
                return new Reading.Malformed(inOp.error);
            }
            if (e.tag() == RESPONSE_NAME) {
                name = Optional.of(text(in, e));
            }
            at = e.end();
        }
        for (int at = op.end(); at < end; ) {
            Ber.Header.Element e = c.next(at, -1, "the controls");
            if (e == null) {
                return new Reading.Malformed(c.error);
            }
            at = e.end();
        }
        return new Reading.Read(new ExtendedResponse(messageId, (int) resultCode, text(in, dn), text(in, diagnostic),
                name));
    }

    private static String text(byte[] in, Ber.Header.Element e) {
        return ShortText.of(in, e.valueStart(), e.valueLength());
    }

    /** Reads elements that must lie wholly before {@code limit}; a failed read leaves its reason in {@code error}. */
    private static final class Cursor {
        private final byte[] in;
        private final int limit;
        private String error;

        Cursor(byte[] in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        /** The element at {@code at} with tag {@code tag} (-1: any), or null. */
        Ber.Header.Element next(int at, int tag, String what) {
            Ber.Header h = Ber.header(in, at, limit);
            if (h instanceof Ber.Header.Malformed m) {
                error = what + " has " + m.reason();
                return null;
            }
            if (!(h instanceof Ber.Header.Element e) || e.end() > limit) {
                error = what + " runs past the end of its message";
                return null;
            }
            if (tag >= 0 && e.tag() != tag) {
                error = String.format("%s has tag 0x%02X, not 0x%02X", what, e.tag(), tag);
                return null;
            }
            return e;
        }
    }
}
