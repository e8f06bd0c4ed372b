package io.tlsweep.prelude.xmpp;

import java.util.Map;

/** What {@link XmlTokenizer#next} found at the start of the bytes it was given. */
sealed interface XmlToken {

    /** The bytes given end inside a token. */
    record NeedMore() implements XmlToken {
    }

    /** The bytes break XML or the restrictions XMPP puts on it. */
    record Malformed(String reason) implements XmlToken {
    }

    /** The XML declaration ({@code <?xml ...?>}), allowed only first. */
    record Declaration(int consumed) implements XmlToken {
    }

    /**
     * A start tag (or an empty-element tag, {@code empty}) at {@code depth} (1 for the root), with its namespace
     * resolved and its attributes by their names as written, values decoded.
     */
    record Start(int consumed, String namespace, String name, Map<String, String> attributes, boolean empty,
            int depth) implements XmlToken {
    }

    /** An end tag, closing the element at {@code depth}. */
    record End(int consumed, String namespace, String name, int depth) implements XmlToken {
    }

    /** Character data (references decoded) or a CDATA section. */
    record Text(int consumed, String text) implements XmlToken {
    }
}
