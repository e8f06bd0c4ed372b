package io.tlsweep.result;

import io.tlsweep.text.Labelled;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NewSessionTicket;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * What one handshake run by a real TLS stack (BoringSSL, the JDK or Bouncy Castle) came to, and what was done on
 * its connection once it was up.
 *
 * @param provider the stack that ran it ("boringssl", "jdk", "bc")
 * @param version the negotiated version
 * @param cipherSuite the negotiated suite
 * @param resumed whether the stack resumed an earlier session (no certificate was presented)
 * @param tap what the server said in clear, when the step asked to read it: the ServerHello's session id and a
 *     TLS 1.2 NewSessionTicket
 * @param renegotiation how the server took a client-initiated renegotiation, when the step asked for one
 * @param afterTls what the step's after-TLS codec learned over TLS, when it had one and learned something
 */
public record RealHandshake(String provider, ProtocolVersion version, CipherSuite cipherSuite, boolean resumed,
        Optional<Tap> tap, Optional<Renegotiation> renegotiation, Optional<AuthAfterTls> afterTls) {

    public RealHandshake {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(tap, "tap");
        Objects.requireNonNull(renegotiation, "renegotiation");
        Objects.requireNonNull(afterTls, "afterTls");
    }

    /**
     * The handshake messages that crossed in clear.
     *
     * @param sessionId the ServerHello's session id (empty when the server sent none); empty Optional when no
     *     ServerHello was read
     * @param ticket the last TLS 1.2 NewSessionTicket the server sent, when it sent one
     * @param extendedMasterSecret whether the ServerHello agreed to the extended master secret (RFC 7627): a hello
     *     that resumes the session must offer it exactly then
     */
    public record Tap(Optional<byte[]> sessionId, Optional<NewSessionTicket> ticket, boolean extendedMasterSecret) {
        public Tap {
            sessionId = sessionId.map(byte[]::clone);
            Objects.requireNonNull(ticket, "ticket");
        }

        @Override
        public Optional<byte[]> sessionId() {
            return sessionId.map(byte[]::clone);
        }
    }

    /** How a client-initiated renegotiation went. */
    public enum RenegotiationOutcome implements Labelled {
        /** A second handshake completed on the connection. */
        ACCEPTED("accepted"),
        /** The server answered with an alert (no_renegotiation, handshake_failure...). */
        REFUSED_ALERT("refused-alert"),
        /** The server closed the connection. */
        CLOSED("closed"),
        /** The server reset the connection. */
        RESET("reset"),
        /** The server said nothing within the read timeout. */
        NO_ANSWER("no-answer"),
        /** Not asked: the handshake was TLS 1.3 (which has no renegotiation) or the stack cannot renegotiate. */
        NOT_ASKED("not-asked");

        private final String label;

        RenegotiationOutcome(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * @param outcome how it went
     * @param alert the alert the server sent, for {@link RenegotiationOutcome#REFUSED_ALERT}, when the stack named it
     * @param detail what the stack said, for logs and the report
     */
    public record Renegotiation(RenegotiationOutcome outcome, Optional<AlertDescription> alert, String detail) {
        public Renegotiation {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
