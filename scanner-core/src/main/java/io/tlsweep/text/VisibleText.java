package io.tlsweep.text;

/**
 * Text from the input or from a server, made safe to print or write: every character that could drive a
 * terminal, break a line or reorder what a reader sees is replaced by a visible escape. The one neutraliser
 * used for the terminal (input errors, the verdict table, drift), CSV cells and the HTML page; the JSON lines
 * keep the exact value (Jackson writes controls as {@code \u001b}).
 *
 * <ul>
 * <li>C0 controls U+0000-U+001F (NUL, BEL, ESC, tab, line feed, carriage return...), DEL U+007F and the
 * C1 controls U+0080-U+009F (CSI U+009B starts an escape sequence on many terminals) become {@code \xNN},
 * two lower-case hex digits: ESC is {@code \x1b}, BEL {@code \x07}, NUL {@code \x00};</li>
 * <li>the bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069),
 * which make text display in another order than it is stored ("Trojan Source"), and the line and paragraph
 * separators U+2028, U+2029 become {@code \\u202e}-style escapes.</li>
 * </ul>
 * A backslash is left as it is, so {@code \x1b} typed literally reads the same as an escaped ESC; what the
 * JSON line holds is exact.
 */
public final class VisibleText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private VisibleText() {
    }

    /**
     * {@code text} when it has at most {@code max} characters, else its start and "..." ({@code max} in all, a
     * surrogate pair never split).
     */
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

    /** {@code text} with every such character escaped; the same instance when there is none; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x1f || c >= 0x7f && c <= 0x9f) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else if (isInvisibleFormat(c)) {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@link #of} would escape {@code c}. */
    public static boolean isUnsafe(char c) {
        return c <= 0x1f || c >= 0x7f && c <= 0x9f || isInvisibleFormat(c);
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isInvisibleFormat(char c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x2028 || c == 0x2029;
    }
}
