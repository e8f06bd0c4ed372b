package io.tlsweep.input;

/**
 * The address part of a target line, parsed: one host or a CIDR range, with the port the user gave or
 * {@link #NO_PORT} when the caller's default ports apply.
 */
sealed interface Endpoint {
    int NO_PORT = 0;

    int port();

    /** A DNS name (as written) or an IP literal (canonical text, no brackets). */
    record Host(String host, boolean literal, int port) implements Endpoint {
    }

    record Range(AddressRange range, int port) implements Endpoint {
    }
}
