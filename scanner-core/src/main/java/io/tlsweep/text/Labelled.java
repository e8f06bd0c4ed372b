package io.tlsweep.text;

/**
 * A constant with a label: the stable word it is written as in the JSON lines, on the command line, in a
 * configuration file and in reports ("breaks-without-legacy", "connect-refused"). {@link Labels} finds the
 * constant again from the word.
 */
public interface Labelled {
    /** The stable word, never empty. */
    String label();
}
