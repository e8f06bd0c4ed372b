package io.tlsweep.engine.handshake;

import io.tlsweep.prelude.AfterTlsCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a held handshake ({@link HandshakeClient#hold}) does besides the handshake: read the messages that cross in
 * clear, ask for a client-initiated renegotiation once it is done (TLS 1.2 and older, the JDK's stack), then ask
 * {@code afterTls}'s question over TLS. Each wait after the handshake is bounded by {@code readTimeout}; the bytes
 * read on the connection by {@code maxBytes}.
 *
 * @param afterTls asked over TLS once the handshake (and the renegotiation) is done; replaces the prelude's own
 * @param afterTlsProtocol names the codec's protocol in what its run reports ("http")
 * @param renegotiate ask for a renegotiation once the handshake is done
 * @param tap read the ServerHello's session id and a TLS 1.2 NewSessionTicket from the bytes received
 * @param readTimeout how long the renegotiation and the after-TLS answer may each take
 * @param maxBytes the most bytes read on the connection; past it the connection ends with what it has
 */
public record AfterHandshake(Optional<AfterTlsCodec> afterTls, String afterTlsProtocol, boolean renegotiate,
        boolean tap, Duration readTimeout, int maxBytes) {

    public AfterHandshake {
        Objects.requireNonNull(afterTls, "afterTls");
        Objects.requireNonNull(afterTlsProtocol, "afterTlsProtocol");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
    }

    /** Nothing but the handshake, as {@link HandshakeClient#handshake} does it. */
    static AfterHandshake nothing(Duration readTimeout) {
        return new AfterHandshake(Optional.empty(), "", false, false, readTimeout, Integer.MAX_VALUE);
    }

    /** The time this adds to a connection's bound past the handshake: one read timeout per thing asked. */
    long extraMillis() {
        return ((renegotiate ? 1 : 0) + (afterTls.isPresent() ? 1 : 0)) * readTimeout.toMillis();
    }
}
