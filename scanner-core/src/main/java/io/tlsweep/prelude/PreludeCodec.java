package io.tlsweep.prelude;

import io.tlsweep.result.PreludeFacts;
import java.util.Optional;

/**
 * One connection's prelude, as a pure codec: bytes in, bytes out, and a {@link PreludeStep} saying whether
 * to go on, that TLS may start, or that the prelude failed. It never touches a socket or a channel; whoever
 * owns the connection writes what it returns and feeds it what the server sends. Not thread-safe: one
 * connection, one caller.
 *
 * <p>Protocol: {@link #start()} once, when the connection is up; then {@link #read} each time bytes arrive,
 * with every byte received and not yet consumed, oldest first (the caller drops {@link PreludeStep#consumed()}
 * bytes after each step, and calls again at once with the rest when a step consumed some and bytes remain, as
 * two lines may come in one read). After a {@link PreludeStep.TlsMayStart} or a {@link PreludeStep.Failed} the
 * codec is not called again. Neither method throws on any input: a server's bytes that break the protocol are a
 * {@link PreludeStep.Failed} value.
 */
public interface PreludeCodec {

    /** What to do as soon as the connection is up: usually write a first command, or wait for a banner. */
    PreludeStep start();

    /**
     * Reads what the server sent.
     *
     * @param in the bytes received and not consumed yet, from {@code offset}, {@code length} of them
     */
    PreludeStep read(byte[] in, int offset, int length);

    /**
     * What the prelude learned so far, for a connection that ended (closed, reset, silent until the deadline)
     * before the codec decided.
     */
    Optional<PreludeFacts> factsSoFar();
}
