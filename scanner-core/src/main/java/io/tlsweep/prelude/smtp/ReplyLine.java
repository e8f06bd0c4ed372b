package io.tlsweep.prelude.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One line of an SMTP reply (RFC 5321 §4.2): a three-digit code, then {@code -} when more lines of the same reply
 * follow or a space (or nothing) on its last line, then text. Pure; reads one line out of the bytes it is given.
 *
 * @param code the reply code, 200-599 (1xx is not a reply RFC 5321 allows, but is read as one: the state decides)
 * @param more whether the reply goes on ({@code 250-PIPELINING})
 * @param text what follows the code and its separator
 * @param line the whole line as received, without its line end
 * @param length the bytes the line took, its line end included
 */
record ReplyLine(int code, boolean more, String text, String line, int length) {

    /** The longest line read, its line end included (RFC 5321 allows 512 octets; servers go beyond it). */
    static final int MAX_LINE = 1024;

    /** What the next line of {@code in} is. */
    sealed interface Read {
    }

    /** A line that is a reply line. */
    record Line(ReplyLine line) implements Read {
    }

    /** A whole line that is not an SMTP reply line: {@code text} as received, {@code length} bytes with its end. */
    record NotReply(String text, int length) implements Read {
    }

    /** No line end yet, and fewer than {@link #MAX_LINE} bytes: wait for more. */
    record Partial() implements Read {
    }

    /** No line end within {@link #MAX_LINE} bytes. */
    record TooLong() implements Read {
    }

    /** The next line of {@code in} (from {@code offset}, {@code length} bytes): a line end is LF or CR LF. */
    static Read next(byte[] in, int offset, int length) {
        int limit = Math.min(length, MAX_LINE);
        int end = -1;
        for (int i = 0; i < limit; i++) {
            if (in[offset + i] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return length >= MAX_LINE ? new TooLong() : new Partial();
        }
        int taken = end + 1;
        int textEnd = end > 0 && in[offset + end - 1] == '\r' ? end - 1 : end;
        String text = new String(in, offset, textEnd, StandardCharsets.UTF_8);
        return parse(text).<Read>map(p -> new Line(new ReplyLine(p.code, p.more, p.text, text, taken)))
                .orElseGet(() -> new NotReply(text, taken));
    }

    private record Parsed(int code, boolean more, String text) {
    }

    private static Optional<Parsed> parse(String line) {
        if (line.length() < 3 || !digit(line.charAt(0), '1', '5') || !digit(line.charAt(1), '0', '9')
                || !digit(line.charAt(2), '0', '9')) {
            return Optional.empty();
        }
        int code = Integer.parseInt(line.substring(0, 3));
        if (line.length() == 3) {
            return Optional.of(new Parsed(code, false, ""));
        }
        char separator = line.charAt(3);
        if (separator != ' ' && separator != '-') {
            return Optional.empty();
        }
        return Optional.of(new Parsed(code, separator == '-', line.substring(4)));
    }

    private static boolean digit(char c, char low, char high) {
        return c >= low && c <= high;
    }
}
