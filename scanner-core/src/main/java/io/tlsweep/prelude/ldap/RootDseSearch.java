package io.tlsweep.prelude.ldap;

import io.tlsweep.prelude.ShortText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The anonymous search of the root DSE (RFC 4511 section 4.5, RFC 4512 section 5.1) and the messages that answer
 * it: a base search of the empty DN for {@code (objectClass=*)}, asking only {@code supportedSASLMechanisms} and
 * {@code supportedExtension}; answered by a SearchResultEntry, perhaps references, and a SearchResultDone. Reading is
 * static, pure and never throws: what does not follow RFC 4511 is a {@link Part.Malformed}.
 */
final class RootDseSearch {
    static final int SEARCH_REQUEST = 0x63;
    static final int SEARCH_RESULT_ENTRY = 0x64;
    static final int SEARCH_RESULT_DONE = 0x65;
    static final int SEARCH_RESULT_REFERENCE = 0x73;
    /** The filter {@code (objectClass=*)}: a present filter, [7] primitive. */
    static final int PRESENT = 0x87;
    static final String MECHANISMS = "supportedSASLMechanisms";
    static final String EXTENSIONS = "supportedExtension";
    /** The most values read of one attribute (a hostile entry stays cheap). */
    static final int MAX_VALUES = 64;

    private RootDseSearch() {
    }

    /** The LDAPMessage of the search, with {@code messageId}. */
    static byte[] request(int messageId) {
        return Ber.element(Ber.SEQUENCE, Ber.small(Ber.INTEGER, messageId), Ber.element(SEARCH_REQUEST,
                Ber.text(Ber.OCTET_STRING, ""),  // baseObject: the root DSE
                Ber.small(Ber.ENUMERATED, 0),    // scope: baseObject
                Ber.small(Ber.ENUMERATED, 0),    // derefAliases: neverDerefAliases
                Ber.small(Ber.INTEGER, 1),       // sizeLimit: the one entry
                Ber.small(Ber.INTEGER, 10),      // timeLimit, seconds
                Ber.element(Ber.BOOLEAN, new byte[] {0}), // typesOnly: FALSE
                Ber.text(PRESENT, "objectClass"),
                Ber.element(Ber.SEQUENCE, Ber.text(Ber.OCTET_STRING, MECHANISMS),
                        Ber.text(Ber.OCTET_STRING, EXTENSIONS))));
    }

    /** What one message of the answer is. */
    sealed interface Part {
        /** An entry: the values of the two attributes asked for (values past {@value #MAX_VALUES} dropped). */
        record Entry(long messageId, List<String> mechanisms, List<String> extensions) implements Part {
        }

        /** A continuation reference (the root DSE has none; read past). */
        record Reference(long messageId) implements Part {
        }

        /** The end of the search, and its result code. */
        record Done(long messageId, int resultCode) implements Part {
        }

        /** Another operation: an unsolicited notification (message 0) or something no search answers with. */
        record Other(long messageId, int tag) implements Part {
        }

        record Malformed(String reason) implements Part {
        }
    }

    /** The message ID of a part that was read; -1 for a malformed one. */
    static long messageId(Part part) {
        if (part instanceof Part.Entry e) {
            return e.messageId();
        }
        if (part instanceof Part.Reference r) {
            return r.messageId();
        }
        if (part instanceof Part.Done d) {
            return d.messageId();
        }
        return part instanceof Part.Other o ? o.messageId() : -1;
    }

    /** Reads the LDAPMessage whose SEQUENCE value lies in {@code in[start, end)}. */
    static Part read(byte[] in, int start, int end) {
        Ber.Header.Element id = element(in, start, end, Ber.INTEGER);
        long messageId = id == null ? -1 : Ber.nonNegative(in, id);
        if (messageId < 0) {
            return new Part.Malformed("the messageID is not an INTEGER of 1 to 4 bytes from 0 up");
        }
        Ber.Header.Element op = element(in, id.end(), end, -1);
        if (op == null) {
            return new Part.Malformed("the protocolOp is malformed or runs past its message");
        }
        return switch (op.tag()) {
            case SEARCH_RESULT_ENTRY -> entry(in, op, messageId);
            case SEARCH_RESULT_REFERENCE -> new Part.Reference(messageId);
            case SEARCH_RESULT_DONE -> {
                Ber.Header.Element code = element(in, op.valueStart(), op.end(), Ber.ENUMERATED);
                long resultCode = code == null ? -1 : Ber.nonNegative(in, code);
                yield resultCode < 0 || resultCode > Integer.MAX_VALUE
                        ? new Part.Malformed("the SearchResultDone has no resultCode of 1 to 4 bytes")
                        : new Part.Done(messageId, (int) resultCode);
            }
            default -> new Part.Other(messageId, op.tag());
        };
    }

    private static Part entry(byte[] in, Ber.Header.Element op, long messageId) {
        Ber.Header.Element name = element(in, op.valueStart(), op.end(), Ber.OCTET_STRING);
        Ber.Header.Element attributes = name == null ? null : element(in, name.end(), op.end(), Ber.SEQUENCE);
        if (attributes == null) {
            return new Part.Malformed("the SearchResultEntry has no objectName and attributes");
        }
        List<String> mechanisms = new ArrayList<>();
        List<String> extensions = new ArrayList<>();
        for (int at = attributes.valueStart(); at < attributes.end(); ) {
            Ber.Header.Element attribute = element(in, at, attributes.end(), Ber.SEQUENCE);
            Ber.Header.Element type = attribute == null ? null
                    : element(in, attribute.valueStart(), attribute.end(), Ber.OCTET_STRING);
            Ber.Header.Element values = type == null ? null : element(in, type.end(), attribute.end(), Ber.SET);
            if (values == null) {
                return new Part.Malformed("a PartialAttribute of the SearchResultEntry is not a type and its values");
            }
            String description = new String(in, type.valueStart(), type.valueLength(), StandardCharsets.UTF_8);
            String attributeType = description.split(";", 2)[0]; // options such as ";binary" do not change it
            List<String> into = attributeType.equalsIgnoreCase(MECHANISMS) ? mechanisms
                    : attributeType.equalsIgnoreCase(EXTENSIONS) ? extensions : null;
            for (int v = values.valueStart(); v < values.end(); ) {
                Ber.Header.Element value = element(in, v, values.end(), Ber.OCTET_STRING);
                if (value == null) {
                    return new Part.Malformed("a value of " + ShortText.of(in, type.valueStart(), type.valueLength())
                            + " is not an OCTET STRING");
                }
                if (into != null && into.size() < MAX_VALUES) {
                    into.add(ShortText.of(in, value.valueStart(), value.valueLength()));
                }
                v = value.end();
            }
            at = attribute.end();
        }
        return new Part.Entry(messageId, mechanisms, extensions);
    }

    /** The element at {@code at} wholly before {@code limit}, with {@code tag} (-1: any); null otherwise. */
    private static Ber.Header.Element element(byte[] in, int at, int limit, int tag) {
        Ber.Header h = Ber.header(in, at, limit);
        if (h instanceof Ber.Header.Element e && e.end() <= limit && (tag < 0 || e.tag() == tag)) {
            return e;
        }
        return null;
    }
}
