package io.tlsweep.prelude.xmpp;

import io.tlsweep.prelude.ShortText;
import java.util.Optional;

/**
 * Collects a {@code <stream:error>} (RFC 6120 section 4.9) as its elements come: the defined condition (the
 * first child in the stream-errors namespace other than {@code <text>}) and the text, cut short.
 */
final class StreamError {
    static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    private String condition;
    private StringBuilder text;
    private boolean readingText;

    /** An element directly inside the stream error. */
    void child(XmlToken.Start s) {
        if (!s.namespace().equals(NAMESPACE)) {
            return;
        }
        if (s.name().equals("text")) {
            text = new StringBuilder();
            readingText = !s.empty();
        } else if (condition == null) {
            condition = s.name();
        }
    }

    void text(String chars) {
        if (readingText && text.length() < ShortText.MAX_CHARS) {
            text.append(chars);
        }
    }

    /** The end of an element directly inside the stream error. */
    void endChild() {
        readingText = false;
    }

    Optional<String> condition() {
        return Optional.ofNullable(condition);
    }

    Optional<String> text() {
        return Optional.ofNullable(text).filter(t -> !t.isEmpty()).map(t -> ShortText.of(t.toString()));
    }
}
