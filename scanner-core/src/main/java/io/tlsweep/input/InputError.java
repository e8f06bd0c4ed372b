package io.tlsweep.input;

import io.tlsweep.text.VisibleText;
import java.util.Objects;

/**
 * A bad input line or an unreadable input, as a value: where ({@code targets.txt:7}, {@code argument 2},
 * {@code targets.txt} for a file that cannot be opened) and what is wrong. Bad input never stops a sweep;
 * it is reported and the rest goes on.
 */
public record InputError(String origin, String message) {

    public InputError {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(message, "message");
    }

    /**
     * {@code targets.txt:7: port 70000 out of range (1-65535)}, safe to print: the line's own characters are
     * quoted in messages, so control characters in it (or in the file name) are shown as {@code \x1b} escapes
     * ({@link VisibleText}) and never reach the terminal.
     */
    @Override
    public String toString() {
        return VisibleText.of(origin + ": " + message);
    }
}
