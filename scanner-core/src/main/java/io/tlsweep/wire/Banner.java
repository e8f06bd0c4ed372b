package io.tlsweep.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Names what a non-TLS answer looks like, from its first bytes, for an operator-facing report. */
final class Banner {
    static final int SAMPLE = 64;

    private Banner() {
    }

    static ServerResponse.NotTls classify(byte[] buf, int off, int len) {
        byte[] head = Arrays.copyOfRange(buf, off, off + Math.min(len, SAMPLE));
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String looksLike = protocol(text);
        String description = isText(head) ? "answered " + quote(firstLine(text)) : "answered binary " + Hex.of(
                Arrays.copyOf(head, Math.min(head.length, 16)));
        return new ServerResponse.NotTls(looksLike, description, head);
    }

    private static String protocol(String t) {
        if (t.startsWith("HTTP/")) {
            return "HTTP";
        }
        if (t.startsWith("SSH-")) {
            return "SSH";
        }
        if (t.startsWith("220")) {
            String upper = t.toUpperCase(java.util.Locale.ROOT);
            if (upper.contains("FTP")) {
                return "FTP";
            }
            return "SMTP";
        }
        if (t.startsWith("+OK")) {
            return "POP3";
        }
        if (t.startsWith("* OK")) {
            return "IMAP";
        }
        if (t.startsWith("RFB ")) {
            return "VNC";
        }
        if (t.startsWith("<")) {
            return "HTML";
        }
        return "unknown";
    }

    /**
     * Whether enough has arrived to name the protocol: a whole first line, 8 bytes of binary, or a full
     * sample. Waiting for the line makes the verdict the same however the bytes were split.
     */
    static boolean decisive(byte[] buf, int off, int len) {
        if (len >= SAMPLE) {
            return true;
        }
        for (int i = off; i < off + len; i++) {
            if (buf[i] == '\n') {
                return true;
            }
        }
        return len >= 8 && !isText(Arrays.copyOfRange(buf, off, off + 8));
    }

    private static boolean isText(byte[] b) {
        int printable = 0;
        for (byte x : b) {
            int c = x & 0xFF;
            if (c == '\r' || c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F)) {
                printable++;
            }
        }
        return b.length > 0 && printable * 10 >= b.length * 9;
    }

    private static String firstLine(String t) {
        int nl = t.indexOf('\n');
        String line = (nl >= 0 ? t.substring(0, nl) : t).strip();
        StringBuilder out = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.length() > 80 ? out.substring(0, 80) + "..." : out.toString();
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
