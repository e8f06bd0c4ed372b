package io.tlsweep.result;

import io.tlsweep.text.Labelled;

/** Whose cipher suite order decides: the server's, the client's, or not known (fewer than two suites). */
public enum PreferenceOrder implements Labelled {
    SERVER("server"),
    CLIENT("client"),
    UNKNOWN("unknown");

    private final String label;

    PreferenceOrder(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
