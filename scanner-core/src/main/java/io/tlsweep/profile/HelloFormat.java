package io.tlsweep.profile;

/** The record format of a client's first hello. */
public enum HelloFormat {
    /** A TLS ClientHello record. */
    TLS,
    /**
     * An SSL 2.0-compatible CLIENT-HELLO announcing a TLS version (Java 6): tlsweep sends a TLS-format hello
     * with the same version and suites instead, and says so.
     */
    SSLV2
}
