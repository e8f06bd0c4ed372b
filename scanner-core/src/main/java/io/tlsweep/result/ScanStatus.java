package io.tlsweep.result;

import io.tlsweep.text.Labelled;

/** The state of a scanned endpoint, on every result line. */
public enum ScanStatus implements Labelled {
    /** At least one protocol version was accepted. */
    OK("ok"),
    /** A TLS server answered, but turned down every hello. */
    REJECTED("rejected"),
    /** Every hello was refused with unrecognized_name: the server needs a (different) SNI name. */
    SNI_REQUIRED("sni-required"),
    /** Nothing listens, the connect timed out, the name did not resolve, or nothing answered. */
    UNREACHABLE("unreachable"),
    /** Something answered that is not TLS. */
    NOT_TLS("not-tls"),
    /**
     * The service answered in its own protocol and offers no TLS: SMTP without STARTTLS, FTP without AUTH TLS, RDP
     * with standard RDP security only, SQL Server answering PRELOGIN with ENCRYPT_NOT_SUP.
     */
    TLS_NOT_OFFERED("tls-not-offered"),
    /** The per-target time budget ran out before anything was accepted. */
    BUDGET_EXCEEDED("budget-exceeded"),
    /** Not scanned: its address is out of scope (excluded by the user, or never connected to). */
    EXCLUDED("excluded"),
    /** tlsweep itself failed on this target. */
    ERROR("error"),
    /**
     * The endpoint's answers contradicted each other (a hello answered in one connection was lost in another)
     * and asking again did not settle it: what was seen is kept, no verdict is built on it.
     */
    INCONSISTENT("inconsistent");

    private final String label;

    ScanStatus(String label) {
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
