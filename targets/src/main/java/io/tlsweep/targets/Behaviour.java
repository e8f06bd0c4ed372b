package io.tlsweep.targets;

/** What a hostile target does to a client; the expected outcome a scanner should report. */
public enum Behaviour {
    CLOSED_PORT("port was bound and released: connect is refused"),
    SILENT("accepts, reads, never answers; closes after its lifetime limit"),
    RESET_AFTER_ACCEPT("accepts, then resets at once (SO_LINGER 0 and close)"),
    RESET_ON_HELLO("reads the first TLS record, then resets"),
    GARBAGE("answers the hello with fixed non-TLS bytes, then closes"),
    HTTP("answers the hello with 'HTTP/1.1 400 Bad Request', then closes"),
    SSH_BANNER("sends an SSH banner on connect, closes when the client sends anything"),
    SLOW_DRIP("answers the hello with a valid TLS 1.2 ServerHello, one byte per second"),
    TRUNCATED_RECORD("answers with a record header announcing 64 bytes, sends 16, then closes"),
    OVERSIZED_RECORD("answers with a handshake record header of length 0xFFFF, 64 bytes, then closes"),
    ALERT_ONLY("answers any hello with a fatal handshake_failure alert, then closes"),
    CLOSE_NOTIFY("answers any hello with a warning close_notify alert, then closes"),
    UNOFFERED_SUITE("answers with a well-formed TLS 1.2 ServerHello choosing a suite the client did not offer");

    private final String description;

    Behaviour(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
