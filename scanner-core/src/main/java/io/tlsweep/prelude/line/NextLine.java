package io.tlsweep.prelude.line;

import java.nio.charset.StandardCharsets;

/**
 * The next line of a line-based protocol at the start of the bytes received: complete (its text without the line
 * end, and how many bytes it took with its line end), not complete yet, or longer than the limit. A line ends with
 * LF, CRLF being the usual form; a CR before the LF is dropped. Only the first {@code maxBytes} bytes are looked
 * at, so a line that never ends costs no more than the limit.
 */
public sealed interface NextLine {

    /** A whole line: its text (decoded as UTF-8, malformed bytes replaced) and its length with the line end. */
    record Complete(String text, int consumed) implements NextLine {
    }

    /** No line end yet within the limit: wait for more bytes. */
    record Incomplete() implements NextLine {
    }

    /** {@code maxBytes} bytes and no line end among them. */
    record TooLong(int maxBytes) implements NextLine {
    }

    /**
     * The line at {@code in[offset]}, among {@code length} bytes.
     *
     * @param maxBytes the longest line accepted, its line end included
     */
    static NextLine in(byte[] in, int offset, int length, int maxBytes) {
        int look = Math.min(length, maxBytes);
        for (int i = 0; i < look; i++) {
            if (in[offset + i] == '\n') {
                int textLength = i > 0 && in[offset + i - 1] == '\r' ? i - 1 : i;
                return new Complete(new String(in, offset, textLength, StandardCharsets.UTF_8), i + 1);
            }
        }
        return length >= maxBytes ? new TooLong(maxBytes) : new Incomplete();
    }
}
