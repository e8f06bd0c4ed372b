package io.tlsweep.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a web server's access log line into its fields: bare words between spaces, and double-quoted strings
 * whose escapes are decoded. One decoder serves the three servers, since their escapes do not collide: nginx writes
 * {@code "}, {@code \} and bytes outside printable ASCII as {@code \xHH}; Apache httpd writes {@code \"},
 * {@code \\}, {@code \n}-style controls and {@code \xhh}; HAProxy's {@code +E} flag writes {@code \"}, {@code \\}
 * and {@code \]}. {@code \xHH} bytes are read back as UTF-8.
 */
final class AccessLogTokens {
    private AccessLogTokens() {
    }

    /**
     * A line's fields, or why it could not be split.
     *
     * @param fields the decoded fields, in order
     * @param quoted bit {@code i} set when field {@code i} was quoted (fields past 63 are not flagged)
     * @param problem why the line could not be split; null when it could
     */
    record Split(List<String> fields, long quoted, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    /** Splits {@code line} from {@code start}. */
    static Split split(String line, int start) {
        List<String> fields = new ArrayList<>(16);
        long quoted = 0;
        int i = start;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            if (c != '"') {
                int end = line.indexOf(' ', i);
                end = end < 0 ? n : end;
                String word = line.substring(i, end);
                if (word.indexOf('"') >= 0) {
                    return new Split(fields, quoted, "a quote inside the unquoted field " + (fields.size() + 1));
                }
                fields.add(word);
                i = end;
                continue;
            }
            int close = closingQuote(line, i + 1);
            if (close < 0) {
                return new Split(fields, quoted, "field " + (fields.size() + 1) + " opens a quote that is not closed");
            }
            if (close + 1 < n && line.charAt(close + 1) != ' ') {
                return new Split(fields, quoted, "text right after the closing quote of field " + (fields.size() + 1));
            }
            if (fields.size() < 64) {
                quoted |= 1L << fields.size();
            }
            fields.add(unescape(line, i + 1, close));
            i = close + 1;
        }
        return new Split(fields, quoted, null);
    }

    /** The index of the quote closing a string that starts at {@code from}, or -1. */
    private static int closingQuote(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String line, int from, int to) {
        int backslash = line.indexOf('\\', from);
        if (backslash < 0 || backslash >= to) {
            return line.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        StringBuilder plain = new StringBuilder();
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c != '\\' || i + 1 >= to) {
                plain.append(c);
                continue;
            }
            char e = line.charAt(++i);
            if (e == 'x' && i + 2 < to && hex(line.charAt(i + 1)) >= 0 && hex(line.charAt(i + 2)) >= 0) {
                flush(plain, bytes);
                bytes.write(hex(line.charAt(i + 1)) << 4 | hex(line.charAt(i + 2)));
                i += 2;
                continue;
            }
            plain.append(switch (e) {
                case 'b' -> '\b';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'v' -> '\u000b';
                default -> e;
            });
        }
        flush(plain, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void flush(StringBuilder plain, ByteArrayOutputStream bytes) {
        if (!plain.isEmpty()) {
            bytes.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
            plain.setLength(0);
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
