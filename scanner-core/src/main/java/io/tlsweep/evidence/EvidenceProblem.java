package io.tlsweep.evidence;

import java.util.Objects;

/**
 * An input, or a part of one, that could not be read: a bad line, a corrupt block, a compressed file that ended
 * early. Reading goes on after it wherever the input allows.
 *
 * @param where the input and the line or byte
 * @param message what was wrong, in the words a user can act on
 */
public record EvidenceProblem(Position where, String message) {
    public EvidenceProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
