package io.tlsweep.targets;

/** Who decides which of the mutually supported cipher suites is chosen. */
public enum OrderPolicy {
    /** The server picks the first of its own list (in manifest order) that the client offered. */
    SERVER,
    /** The server picks the first suite of the client's list that it supports. */
    CLIENT,
    /**
     * The stack has its own fixed rule the farm cannot configure (BoringSSL in TLS 1.3 prefers
     * AES-GCM when the CPU has AES instructions, ChaCha20 otherwise); not asserted by the farm.
     */
    STACK_DEFINED
}
