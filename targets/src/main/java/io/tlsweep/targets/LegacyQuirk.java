package io.tlsweep.targets;

/**
 * A flaw of old servers the scripted legacy server ({@link ScriptedTargetSpec}) can reproduce, so the scanner's
 * active checks have a true positive to find; off unless listed in its {@link ScriptedQuirks#legacy()}.
 */
public enum LegacyQuirk {
    /**
     * It speaks SSL 2.0 too: an SSLv2 CLIENT-HELLO gets an SSLv2 SERVER-HELLO (version 0x0002, its X.509 leaf, a
     * 16-byte connection id) offering the SSLv2 cipher kinds of {@link io.tlsweep.targets.scripted.SslV2Script}
     * the client offered, or an SSLv2 ERROR (NO-CIPHER) when it offered none of them; then it lingers and closes
     * as after a first flight. Without this quirk an SSLv2 hello is closed on, unanswered.
     */
    SSLV2,
    /** Its ServerHello selects DEFLATE (compression method 1) whenever the hello offers it (CRIME). */
    DEFLATE,
    /**
     * It does not implement RFC 5746: its ServerHello never carries renegotiation_info, whether the hello sent
     * TLS_EMPTY_RENEGOTIATION_INFO_SCSV or the extension.
     */
    NO_RENEGOTIATION_INFO
}
