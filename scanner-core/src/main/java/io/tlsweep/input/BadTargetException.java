package io.tlsweep.input;

/**
 * Thrown inside the line parser when a line cannot be a target; {@link TargetLine#parse} turns it into
 * an {@link InputError} value, so it never leaves this package. No stack trace: it is a verdict on the
 * input, not a bug, and a bad file may hold millions of them.
 */
final class BadTargetException extends Exception {
    private static final long serialVersionUID = 1L;

    BadTargetException(String message) {
        super(message, null, false, false);
    }
}
