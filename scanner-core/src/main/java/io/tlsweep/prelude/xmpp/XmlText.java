package io.tlsweep.prelude.xmpp;

/**
 * Decodes the references XMPP allows in character data and attribute values: the five predefined entities
 * ({@code &lt; &gt; &amp; &apos; &quot;}) and character references ({@code &#NNN;}, {@code &#xHHH;}) to a valid
 * code point other than NUL. Any other reference is refused (RFC 6120 section 11.1), so nothing expands.
 */
final class XmlText {
    static final String BAD_REFERENCE = "an entity reference other than the five predefined ones and character"
            + " references, which XMPP forbids";
    private static final int MAX_REFERENCE = 10;

    private XmlText() {
    }

    /** {@code raw} with its references decoded, or null when one is not allowed or not well-formed. */
    static String decode(String raw) {
        int amp = raw.indexOf('&');
        if (amp < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int from = 0;
        while (amp >= 0) {
            int semi = raw.indexOf(';', amp);
            if (semi < 0 || semi - amp > MAX_REFERENCE) {
                return null;
            }
            out.append(raw, from, amp);
            String ref = raw.substring(amp + 1, semi);
            switch (ref) {
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "amp" -> out.append('&');
                case "apos" -> out.append('\'');
                case "quot" -> out.append('"');
                default -> {
                    int cp = codePoint(ref);
                    if (cp <= 0) {
                        return null;
                    }
                    out.appendCodePoint(cp);
                }
            }
            from = semi + 1;
            amp = raw.indexOf('&', from);
        }
        return out.append(raw, from, raw.length()).toString();
    }

    /** The code point of "#NNN" or "#xHHH", or -1. */
    private static int codePoint(String ref) {
        boolean hex = ref.startsWith("#x");
        String digits = ref.startsWith("#") ? ref.substring(hex ? 2 : 1) : "";
        if (digits.isEmpty() || digits.length() > 7) {
            return -1;
        }
        int cp = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int d = c < 0x80 ? Character.digit(c, hex ? 16 : 10) : -1;
            if (d < 0) {
                return -1;
            }
            cp = cp * (hex ? 16 : 10) + d;
        }
        boolean valid = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
        return valid ? cp : -1;
    }
}
