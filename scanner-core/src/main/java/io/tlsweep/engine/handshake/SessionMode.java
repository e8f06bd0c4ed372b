package io.tlsweep.engine.handshake;

/** Whether a handshake may resume an earlier session. */
public enum SessionMode {
    /**
     * Always a full handshake: no session is looked up or kept, and the connection is closed with RST as
     * soon as the handshake completes.
     */
    FRESH,
    /**
     * Sessions are cached per (provider spec, address, port) and offered again. The connection stays open
     * after the handshake until the first record after it (a TLS 1.3 NewSessionTicket) or 200 ms, then
     * closes with close_notify and FIN, so that the session is kept.
     */
    RESUMABLE
}
