package io.tlsweep.evidence;

import java.util.Objects;

/**
 * Where in an input something was read: the input's name and a line number (text logs) or a byte offset (binary
 * inputs: captures, and a compressed file that ended early).
 *
 * @param input the input's name as the user gave it (a path)
 * @param unit what {@code at} counts
 * @param at the line (from 1) or the byte offset (from 0)
 */
public record Position(String input, Unit unit, long at) {
    public Position {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(unit, "unit");
    }

    public static Position line(String input, long line) {
        return new Position(input, Unit.LINE, line);
    }

    public static Position offset(String input, long offset) {
        return new Position(input, Unit.BYTE, offset);
    }

    /** What a position counts. */
    public enum Unit {
        LINE, BYTE
    }

    @Override
    public String toString() {
        return unit == Unit.LINE ? input + ":" + at : input + " at byte " + at;
    }
}
