package io.tlsweep.metrics;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.text.Labelled;
import io.tlsweep.wire.ServerResponse;

/**
 * The coarse class of one connection's outcome, as counted and plotted: the server said hello (a
 * ServerHello of any version or a HelloRetryRequest), sent an alert, answered with something else, or the
 * transport failed in a named way.
 */
public enum OutcomeClass implements Labelled {
    HELLO("hello"),
    /** A real TLS stack completed a handshake ({@link ConnectionOutcome.Handshook}). */
    HANDSHAKE("handshake"),
    /** A prelude asked as a question was answered so that TLS may start, and the connection ended there. */
    PRELUDE_ANSWERED("prelude-answered"),
    ALERT("alert"),
    NOT_TLS("not-tls"),
    MALFORMED_REPLY("malformed-reply"),
    CONNECT_REFUSED("connect-refused"),
    CONNECT_TIMEOUT("connect-timeout"),
    DNS_FAILURE("dns-failure"),
    READ_TIMEOUT("read-timeout"),
    RESET_BEFORE_REPLY("reset-before-reply"),
    CLOSED_BEFORE_REPLY("closed-before-reply"),
    UNOFFERED_CHOICE("unoffered-choice"),
    PRELUDE_TLS_NOT_OFFERED("prelude-tls-not-offered"),
    PRELUDE_TLS_REFUSED("prelude-tls-refused"),
    PRELUDE_UNEXPECTED("prelude-unexpected"),
    PRELUDE_SERVICE_REFUSED("prelude-service-refused"),
    PRELUDE_OTHER_PROTOCOL("prelude-other-protocol"),
    PRELUDE_TIMEOUT("prelude-timeout"),
    /** A whole-target condition, never one connection's: kept so every failure kind has its class. */
    INCONSISTENT_EVIDENCE("inconsistent-evidence"),
    LOWER_VERSION("lower-version"),
    BUDGET_EXCEEDED("budget-exceeded"),
    /** Mirrors {@link FailureKind#EXCLUDED}, which no connection ever has: an excluded target makes none. */
    EXCLUDED("excluded"),
    INTERNAL_ERROR("internal-error");

    private static final OutcomeClass[] BY_FAILURE = new OutcomeClass[FailureKind.values().length];

    static {
        for (FailureKind kind : FailureKind.values()) {
            BY_FAILURE[kind.ordinal()] = kind == FailureKind.ALERT ? ALERT : valueOf(kind.name());
        }
    }

    private final String label;

    OutcomeClass(String label) {
        this.label = label;
    }

    /** The word used in metrics tags and run statistics ("hello", "alert", "read-timeout", ...). */
    @Override
    public String label() {
        return label;
    }

    public static OutcomeClass of(ConnectionOutcome outcome) {
        if (outcome instanceof ConnectionOutcome.NoReply noReply) {
            return of(noReply.failure().kind());
        }
        if (outcome instanceof ConnectionOutcome.PreludeAnswered) {
            return PRELUDE_ANSWERED;
        }
        if (outcome instanceof ConnectionOutcome.Handshook) {
            return HANDSHAKE;
        }
        ServerResponse response = ((ConnectionOutcome.Replied) outcome).response();
        if (response instanceof ServerResponse.Alert) {
            return ALERT;
        }
        if (response instanceof ServerResponse.NotTls) {
            return NOT_TLS;
        }
        if (response instanceof ServerResponse.Malformed) {
            return MALFORMED_REPLY;
        }
        return HELLO; // ServerHello, HelloRetryRequest, SSLv2 SERVER-HELLO
    }

    public static OutcomeClass of(FailureKind kind) {
        return BY_FAILURE[kind.ordinal()];
    }

    @Override
    public String toString() {
        return label;
    }
}
