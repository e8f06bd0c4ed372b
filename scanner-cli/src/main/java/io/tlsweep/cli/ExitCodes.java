package io.tlsweep.cli;

/** Exit codes, documented in {@code --help} and README. */
final class ExitCodes {
    /** No policy condition met. */
    static final int OK = 0;
    /** A {@code --fail-on} condition was met. */
    static final int POLICY = 1;
    /** Bad usage or bad input. */
    static final int USAGE = 2;
    /** tlsweep itself failed at run time. */
    static final int RUNTIME = 3;

    private ExitCodes() {
    }
}
