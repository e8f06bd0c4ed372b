package io.tlsweep.prelude.ldap;

import io.tlsweep.prelude.OtherProtocol;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Optional;

/**
 * One connection's StartTLS: sends the ExtendedRequest (message ID 1, requestName 1.3.6.1.4.1.1466.20037) at
 * once, then reads one whole LDAPMessage of at most {@value #MAX_MESSAGE} bytes. Asked to read the root DSE first
 * ({@link PreludeContext#askAuth()}), it sends the anonymous search ({@link RootDseSearch}, message 1) instead,
 * reads its entry and its end (at most {@value #MAX_SEARCH_MESSAGES} messages, each bounded alike), then sends
 * StartTLS as message 2; no bind is sent, and no credential. Result code 0 lets TLS start;
 * protocolError (2) means the server does not support TLS; any other code is a refusal; an unsolicited
 * notification (message ID 0, such as a notice of disconnection) turns the client away. Bytes after a
 * successful answer, before the client's first TLS byte, are refused: no server sends them, and a man in the
 * middle who injects them would have them read as the server's TLS.
 */
final class LdapCodec implements PreludeCodec {
    /** The most bytes an answer to StartTLS may take. */
    static final int MAX_MESSAGE = 16384;
    /** LDAPMessage { messageID 1, [APPLICATION 23] { [0] "1.3.6.1.4.1.1466.20037" } }. */
    static final byte[] START_TLS = {0x30, 0x1D, 0x02, 0x01, 0x01, 0x77, 0x18, (byte) 0x80, 0x16, '1', '.', '3',
        '.', '6', '.', '1', '.', '4', '.', '1', '.', '1', '4', '6', '6', '.', '2', '0', '0', '3', '7'};
    /** The search of the root DSE is message 1, StartTLS then message 2. */
    private static final int SEARCH_ID = 1;
    /** The most messages read in answer to the search (the entry, references, the end). */
    static final int MAX_SEARCH_MESSAGES = 8;

    private final long requestId;
    private boolean searching;
    private int searchMessages;
    private final MechanismList mechanisms = new MechanismList();
    private boolean startTlsListed;
    private Optional<RootDse> rootDse = Optional.empty();
    private Optional<PreludeFacts> facts = Optional.empty();

    /**
     * @param askRootDse first read the root DSE with an anonymous search (no bind, no credential), then ask for
     *     StartTLS once its answer is done, as RFC 4511 section 4.14.1 wants no operation outstanding
     */
    LdapCodec(boolean askRootDse) {
        this.searching = askRootDse;
        this.requestId = askRootDse ? SEARCH_ID + 1 : 1;
    }

    @Override
    public PreludeStep start() {
        return new PreludeStep.GoOn(0, searching ? RootDseSearch.request(SEARCH_ID) : startTls());
    }

    private byte[] startTls() {
        byte[] request = START_TLS.clone();
        request[4] = (byte) requestId;
        return request;
    }

    @Override
    public PreludeStep read(byte[] in, int offset, int length) {
        String answering = searching ? "the root DSE search" : "StartTLS";
        if (length > 0 && (in[offset] & 0xFF) != Ber.SEQUENCE) {
            return notLdap(in, offset, length, answering);
        }
        Ber.Header h = Ber.header(in, offset, offset + length);
        if (h instanceof Ber.Header.Malformed m) {
            return failed(0, FailureKind.PRELUDE_UNEXPECTED, "the LDAP server's answer to " + answering + " has "
                    + m.reason());
        }
        if (!(h instanceof Ber.Header.Element message)) {
            return PreludeStep.GoOn.needMore();
        }
        if ((long) message.end() - offset > MAX_MESSAGE) {
            return failed(0, FailureKind.PRELUDE_UNEXPECTED, "the LDAP server's answer to " + answering + " is "
                    + ((long) message.end() - offset) + " bytes long, more than the " + MAX_MESSAGE + " it may take");
        }
        if (message.end() > offset + length) {
            return PreludeStep.GoOn.needMore();
        }
        int consumed = message.end() - offset;
        if (searching) {
            RootDseSearch.Part part = RootDseSearch.read(in, message.valueStart(), message.end());
            if (!(part instanceof RootDseSearch.Part.Other other && other.messageId() == 0)) {
                return searched(part, consumed);
            } // a notice of disconnection is read as it is in answer to StartTLS
        }
        ExtendedResponse.Reading reading = ExtendedResponse.read(in, message.valueStart(), message.end());
        if (reading instanceof ExtendedResponse.Reading.Malformed m) {
            return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "the LDAP server's answer to StartTLS is"
                    + " malformed: " + m.reason());
        }
        return decide(((ExtendedResponse.Reading.Read) reading).response(), consumed, length);
    }

    private PreludeStep decide(ExtendedResponse r, int consumed, int length) {
        if (r.messageId() != 0 && r.messageId() != requestId) {
            return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "the LDAP server answered message "
                    + r.messageId() + ", not the StartTLS request (message " + requestId + ")");
        }
        LdapFacts f = new LdapFacts(r.resultCode(), r.diagnosticMessage(), rootDse);
        facts = Optional.of(f);
        String said = f.result() + " (" + r.resultCode() + ")"
                + (r.diagnosticMessage().isEmpty() ? "" : " '" + r.diagnosticMessage() + "'");
        if (r.messageId() == 0) {
            return failed(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the LDAP server sent an unsolicited"
                    + " notification" + r.responseName().map(n -> " " + n).orElse("") + " instead of answering"
                    + " StartTLS: " + said);
        }
        if (r.resultCode() == LdapResultCodes.SUCCESS) {
            if (length > consumed) {
                return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, (length - consumed) + " bytes came after"
                        + " the LDAP server's StartTLS success, before the client's first TLS byte");
            }
            return new PreludeStep.TlsMayStart(consumed, f);
        }
        if (r.resultCode() == LdapResultCodes.PROTOCOL_ERROR) {
            return failed(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the LDAP server does not support"
                    + " StartTLS: " + said);
        }
        return failed(consumed, FailureKind.PRELUDE_TLS_REFUSED, "the LDAP server refused StartTLS: " + said);
    }

    /** One message answering the search: read on, or the search is done and StartTLS is asked. */
    private PreludeStep searched(RootDseSearch.Part part, int consumed) {
        if (part instanceof RootDseSearch.Part.Malformed m) {
            return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "the LDAP server's answer to the root DSE"
                    + " search is malformed: " + m.reason());
        }
        long id = RootDseSearch.messageId(part);
        if (id != SEARCH_ID || part instanceof RootDseSearch.Part.Other) {
            String what = part instanceof RootDseSearch.Part.Other o
                    ? String.format("an operation with tag 0x%02X", o.tag()) : "a search result";
            return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "the LDAP server answered the root DSE search"
                    + " (message " + SEARCH_ID + ") with " + what + " of message " + id);
        }
        if (++searchMessages > MAX_SEARCH_MESSAGES) {
            return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "the LDAP server answered the root DSE search"
                    + " with more than " + MAX_SEARCH_MESSAGES + " messages");
        }
        if (part instanceof RootDseSearch.Part.Entry entry) {
            entry.mechanisms().forEach(mechanisms::add);
            startTlsListed |= entry.extensions().contains(RootDse.START_TLS_OID);
        } else if (part instanceof RootDseSearch.Part.Done done) {
            searching = false;
            if (done.resultCode() == LdapResultCodes.SUCCESS) {
                rootDse = Optional.of(new RootDse(mechanisms.list(), startTlsListed));
            } // a server that keeps its root DSE from anonymous readers tells nothing: StartTLS is asked all the same
            return new PreludeStep.GoOn(consumed, startTls());
        }
        return new PreludeStep.GoOn(consumed, new byte[0]);
    }

    private PreludeStep notLdap(byte[] in, int offset, int length, String answering) {
        OtherProtocol.FirstLine first = OtherProtocol.firstLine(in, offset, length);
        if (first instanceof OtherProtocol.FirstLine.Text text) {
            return failed(0, FailureKind.PRELUDE_OTHER_PROTOCOL, "another protocol answered " + answering + ": '"
                    + text.line() + "'");
        }
        if (first instanceof OtherProtocol.FirstLine.Undecided) {
            return PreludeStep.GoOn.needMore();
        }
        return failed(0, FailureKind.PRELUDE_UNEXPECTED, String.format("the answer to " + answering + " is not an"
                + " LDAP message: its first byte is 0x%02X, not a SEQUENCE (0x30)", in[offset] & 0xFF));
    }

    private PreludeStep failed(int consumed, FailureKind kind, String detail) {
        return new PreludeStep.Failed(consumed, Failure.of(kind, detail), facts);
    }

    @Override
    public Optional<PreludeFacts> factsSoFar() {
        return facts;
    }
}
