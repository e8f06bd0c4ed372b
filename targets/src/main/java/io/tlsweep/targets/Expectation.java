package io.tlsweep.targets;

/** What a scanner should find at a target: TLS facts or a hostile behaviour. */
public sealed interface Expectation permits TlsExpectation, HostileExpectation {

    /** One-line summary for listings. */
    String summary();
}
