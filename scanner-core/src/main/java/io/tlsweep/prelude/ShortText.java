package io.tlsweep.prelude;

import java.nio.charset.StandardCharsets;

/**
 * Server text as prelude facts and failure details keep it: decoded (UTF-8, a malformed sequence becomes
 * U+FFFD) and cut to {@value #MAX_CHARS} characters, with "..." where it was cut. Controls are kept as they
 * came; the writers escape them. Also tells a text protocol's line from binary bytes, for a greeting of another
 * protocol where a binary one was expected.
 */
public final class ShortText {
    /** The most characters of server text a fact or a failure detail keeps. */
    public static final int MAX_CHARS = 200;
    private static final int MIN_LINE = 4;

    private ShortText() {
    }

    /** {@code length} bytes from {@code offset} as text, cut short. */
    public static String of(byte[] in, int offset, int length) {
        int n = Math.min(length, MAX_CHARS * 4);
        String text = new String(in, offset, n, StandardCharsets.UTF_8);
        return n < length ? cut(text, true) : cut(text, false);
    }

    /** {@code text} cut short. */
    public static String of(String text) {
        return cut(text, false);
    }

    private static String cut(String text, boolean longer) {
        if (text.length() > MAX_CHARS) {
            return text.substring(0, MAX_CHARS) + "...";
        }
        return longer ? text + "..." : text;
    }

    /** What the first bytes of an answer look like: a text protocol's line, binary, or not known yet. */
    public sealed interface FirstLine {
        /** A line of text (cut short), as an SMTP or FTP banner, an HTTP status line, an SSH version. */
        record Text(String line) implements FirstLine {
        }

        /** Not a line of text. */
        record Binary() implements FirstLine {
        }

        /** Printable so far, but neither a line break nor {@value #MAX_CHARS} characters came yet. */
        record Undecided() implements FirstLine {
        }
    }

    /**
     * Whether the bytes start with a line of a text protocol: at least {@value #MIN_LINE} printable ASCII
     * characters (or tabs) ended by CR or LF, or {@value #MAX_CHARS} of them. The answer does not depend on how
     * the bytes were split: it waits for the line's end.
     */
    public static FirstLine firstLine(byte[] in, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = in[i] & 0xFF;
            if (b == '\r' || b == '\n') {
                return i - offset >= MIN_LINE ? new FirstLine.Text(of(in, offset, i - offset)) : new FirstLine.Binary();
            }
            if ((b < 0x20 || b > 0x7E) && b != '\t') {
                return new FirstLine.Binary();
            }
            if (i - offset + 1 == MAX_CHARS) {
                return new FirstLine.Text(of(in, offset, MAX_CHARS) + "...");
            }
        }
        return new FirstLine.Undecided();
    }
}
