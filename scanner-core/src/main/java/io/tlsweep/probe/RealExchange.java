package io.tlsweep.probe;

import io.tlsweep.prelude.AfterTlsCodec;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Says that a step's exchange is held with a real TLS stack rather than with a hello written byte by byte: the
 * engine runs one full handshake offering what the step's hello offers (its versions, its suites, its SNI name),
 * with the first local stack that can offer them (BoringSSL, the JDK, Bouncy Castle; the JDK alone when a
 * renegotiation is asked for), then does what is asked here on the same connection, and completes the step with a
 * {@link io.tlsweep.result.ConnectionOutcome.Handshook} (or a failure). Pure: what to do, never how.
 *
 * @param afterTls makes the codec asked over TLS once the handshake is done (a fresh one per connection); it runs
 *     after the renegotiation, if any, and what it learns is in the outcome
 * @param renegotiate ask for a client-initiated renegotiation once the handshake is done (TLS 1.2 and older; only
 *     the JDK's stack does it)
 * @param tap read the handshake messages that cross in clear: the ServerHello's session id and a TLS 1.2
 *     NewSessionTicket
 */
public record RealExchange(Optional<Supplier<AfterTlsCodec>> afterTls, boolean renegotiate, boolean tap) {

    /** A handshake alone. */
    public static final RealExchange HANDSHAKE = new RealExchange(Optional.empty(), false, false);

    public RealExchange {
        Objects.requireNonNull(afterTls, "afterTls");
    }

    /** A handshake, then {@code codec}'s question over TLS. */
    public static RealExchange askingAfterTls(Supplier<AfterTlsCodec> codec) {
        return new RealExchange(Optional.of(codec), false, false);
    }

    /** A handshake whose clear messages are read: session id, TLS 1.2 ticket. */
    public static RealExchange tapped() {
        return new RealExchange(Optional.empty(), false, true);
    }

    /** A handshake, then a client-initiated renegotiation. */
    public static RealExchange renegotiating() {
        return new RealExchange(Optional.empty(), true, false);
    }
}
