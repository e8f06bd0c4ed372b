package io.tlsweep.prelude;

import io.tlsweep.text.VisibleText;

import java.nio.charset.StandardCharsets;

/**
 * Server text as prelude facts and failure details keep it: decoded (UTF-8, a malformed sequence becomes
 * U+FFFD) and cut to {@value #MAX_CHARS} characters, with "..." where it was cut; a line quoted in a failure's
 * detail is cut to {@value #QUOTE}. Controls are kept as they came; the writers escape them.
 */
public final class ShortText {
    /** The most characters of server text a fact (a banner) or a failure detail keeps. */
    public static final int MAX_CHARS = 200;
    /** The longest server line quoted in a failure's detail. */
    public static final int QUOTE = 120;

    private ShortText() {
    }

    /** {@code length} bytes from {@code offset} as text, cut short. */
    public static String of(byte[] in, int offset, int length) {
        int n = Math.min(length, MAX_CHARS * 4);
        String text = new String(in, offset, n, StandardCharsets.UTF_8);
        return n < length ? marked(text, true) : marked(text, false);
    }

    /** {@code text} cut short: its first {@value #MAX_CHARS} characters and "..." when it is longer. */
    public static String of(String text) {
        return marked(text, false);
    }

    /** {@code text} cut to {@code max} characters ({@link VisibleText#cut}). */
    public static String cut(String text, int max) {
        return VisibleText.cut(text, max);
    }

    /** A server line for a failure's detail: cut to {@value #QUOTE} characters, between single quotes. */
    public static String quoted(String line) {
        return "'" + cut(line, QUOTE) + "'";
    }

    private static String marked(String text, boolean longer) {
        if (text.length() > MAX_CHARS) {
            return text.substring(0, MAX_CHARS) + "...";
        }
        return longer ? text + "..." : text;
    }
}
