package io.tlsweep.result;

import io.tlsweep.text.Labelled;

/**
 * Why a hello got no usable answer. "The network failed" (connect, DNS, silence, reset, close) is kept
 * apart from "the server said no" (an alert), from "the service would not start TLS" (the prelude family:
 * what is said before TLS on a STARTTLS, RDP or TDS connection), and from "something odd" (not TLS,
 * malformed, a choice never offered, our own bug).
 */
public enum FailureKind implements Labelled {
    CONNECT_REFUSED("connect-refused", false),
    CONNECT_TIMEOUT("connect-timeout", false),
    DNS_FAILURE("dns-failure", false),
    READ_TIMEOUT("read-timeout", false),
    RESET_BEFORE_REPLY("reset-before-reply", false),
    CLOSED_BEFORE_REPLY("closed-before-reply", false),
    ALERT("alert", true),
    /** A ServerHello for a lower version than the one offered: the offered version is not supported. */
    LOWER_VERSION("lower-version", true),
    NOT_TLS("not-tls", false),
    MALFORMED_REPLY("malformed-reply", false),
    UNOFFERED_CHOICE("unoffered-choice", false),
    /**
     * Prelude family: the service does not offer TLS on this connection (STARTTLS not advertised, an RDP
     * server with standard RDP security only, a TDS server without encryption).
     */
    PRELUDE_TLS_NOT_OFFERED("prelude-tls-not-offered", false),
    /** Prelude family: the service was asked to start TLS and refused (an SMTP 454, an RDP_NEG_FAILURE). */
    PRELUDE_TLS_REFUSED("prelude-tls-refused", false),
    /**
     * Prelude family: what the server said before TLS does not follow the protocol (another protocol's
     * banner, a malformed negotiation reply, more bytes than the prelude allows).
     */
    PRELUDE_UNEXPECTED("prelude-unexpected", false),
    /** Prelude family: the service turned the client away in its greeting (SMTP 421/554, "too many connections"). */
    PRELUDE_SERVICE_REFUSED("prelude-service-refused", false),
    /** Prelude family: the greeting is another protocol's (an HTTP or SSH banner where SMTP was expected). */
    PRELUDE_OTHER_PROTOCOL("prelude-other-protocol", false),
    /** Prelude family: the service went silent before the prelude ended (a greeting or an answer never came). */
    PRELUDE_TIMEOUT("prelude-timeout", false),
    /**
     * The answers contradict each other and sending again did not settle them (a hello lost on every attempt
     * on an endpoint that answered it, or a contradicting one, in other connections).
     */
    INCONSISTENT_EVIDENCE("inconsistent-evidence", false),
    /** The per-target time budget ran out (a whole-target failure, not one hello's). */
    BUDGET_EXCEEDED("budget-exceeded", false),
    /**
     * Not connected to: the address is out of scope (a user's exclusion, or an address tlsweep never connects
     * to, such as multicast). A whole-target outcome, decided before any packet.
     */
    EXCLUDED("excluded", false),
    INTERNAL_ERROR("internal-error", false);

    private final String label;
    private final boolean serverSaidNo;

    FailureKind(String label, boolean serverSaidNo) {
        this.label = label;
        this.serverSaidNo = serverSaidNo;
    }

    /** The word used in reports and JSON ("connect-refused", ...). */
    @Override
    public String label() {
        return label;
    }

    /** Whether this is an explicit refusal by a TLS server rather than a network or protocol failure. */
    public boolean serverSaidNo() {
        return serverSaidNo;
    }

    /** Whether TLS never started because of what was said before it (the prelude family). */
    public boolean prelude() {
        return switch (this) {
            case PRELUDE_TLS_NOT_OFFERED, PRELUDE_TLS_REFUSED, PRELUDE_UNEXPECTED, PRELUDE_SERVICE_REFUSED,
                    PRELUDE_OTHER_PROTOCOL, PRELUDE_TIMEOUT -> true;
            default -> false;
        };
    }

    /**
     * Whether the endpoint as a whole is shown unusable by this failure, so that no further hello is
     * worth sending: nothing listens, nothing answers, what answers is not TLS, or its service will not
     * start TLS.
     */
    public boolean endsTarget() {
        return switch (this) {
            case CONNECT_REFUSED, CONNECT_TIMEOUT, DNS_FAILURE, NOT_TLS -> true;
            default -> prelude();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
