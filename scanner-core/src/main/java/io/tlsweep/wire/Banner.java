package io.tlsweep.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Names what a non-TLS answer looks like, from its first bytes, for an operator-facing report. */
final class Banner {
    static final int SAMPLE = 64;
    /** Eight bytes that are not text are enough to call an answer binary. */
    static final int BINARY_SAMPLE = 8;

    private Banner() {
    }

    /**
     * Names the answer from its decisive sample (see {@link #decisiveLength}), or from all {@code len} bytes
     * when they stop before one: the connection ended. So the verdict is the same however the bytes arrived.
     */
    static ServerResponse.NotTls classify(byte[] buf, int off, int len) {
        int sample = decisiveLength(buf, off, len);
        byte[] head = Arrays.copyOfRange(buf, off, off + (sample > 0 ? sample : len));
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String looksLike = protocol(text);
        String description = isText(head, 0, head.length) ? "answered " + quote(firstLine(text))
                : "answered binary " + Hex.of(Arrays.copyOf(head, Math.min(head.length, 16)));
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

    /** Whether enough has arrived to name the protocol. */
    static boolean decisive(byte[] buf, int off, int len) {
        return decisiveLength(buf, off, len) > 0;
    }

    /**
     * How many of the first bytes decide the verdict, or 0 when {@code len} bytes do not decide yet: the
     * first line (through its newline), the first {@value #BINARY_SAMPLE} bytes when they are binary, or
     * {@value #SAMPLE} bytes, whichever comes first. It depends only on those bytes, never on how many more
     * arrived, so a decision taken early is the one taken on the whole answer.
     */
    static int decisiveLength(byte[] buf, int off, int len) {
        int n = Math.min(len, SAMPLE);
        for (int i = 0; i < n; i++) {
            if (buf[off + i] == '\n') {
                return i + 1;
            }
            if (i + 1 == BINARY_SAMPLE && !isText(buf, off, BINARY_SAMPLE)) {
                return BINARY_SAMPLE;
            }
        }
        return n == SAMPLE ? SAMPLE : 0;
    }

    private static boolean isText(byte[] b, int off, int len) {
        int printable = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (c == '\r' || c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F)) {
                printable++;
            }
        }
        return len > 0 && printable * 10 >= len * 9;
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
