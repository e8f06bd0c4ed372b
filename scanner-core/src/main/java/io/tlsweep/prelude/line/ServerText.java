package io.tlsweep.prelude.line;

/** A server's words as facts and failure details keep them: cut to a short length, marked where cut. */
public final class ServerText {
    /** The longest banner kept in the facts. */
    public static final int BANNER = 200;
    /** The longest server line quoted in a failure's detail. */
    public static final int QUOTE = 120;

    private ServerText() {
    }

    /** {@code text} when it has at most {@code max} characters, else its start and "..." ({@code max} in all). */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /** A server line for a failure's detail: cut, between single quotes. */
    public static String quoted(String line) {
        return "'" + cut(line, QUOTE) + "'";
    }
}
