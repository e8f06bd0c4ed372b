package io.tlsweep.prelude;

import java.util.List;
import java.util.Optional;

/**
 * What a client says before TLS on one kind of connection (STARTTLS on SMTP, IMAP..., an RDP X.224
 * negotiation, a TDS PRELOGIN): an immutable description that opens a fresh {@link PreludeCodec} for every
 * connection. Instances are values a probe step carries; whatever a codec needs to know about the target
 * (the name to greet with, the client's options) is given when the prelude is made.
 */
public interface Prelude {

    /** The protocol as users name it ("smtp", "rdp", ...). */
    String protocol();

    /** A codec holding the state of one connection's prelude, before any byte was exchanged. */
    PreludeCodec open();

    /**
     * A codec for what to ask once TLS is up on a connection this prelude started (how the service lets clients
     * log in over TLS), fresh for that connection; empty for a prelude that asks nothing after TLS, which is every
     * prelude made without {@link PreludeContext#askAuth()}.
     */
    default Optional<AfterTlsCodec> afterTls() {
        return Optional.empty();
    }

    /**
     * Whether this prelude is a question asked on a connection of its own ({@link AskedPrelude}): the connection
     * ends with the prelude, closed as soon as TLS may start and before any TLS byte, and a failure is the service's
     * answer, not a sign that the endpoint will not start TLS, so the engine goes on with its other connections.
     */
    default boolean question() {
        return false;
    }

    /**
     * The ALPN protocols every ClientHello on such a connection offers in place of any its hello would offer (TDS 8.0
     * strict encryption: {@code tds/8.0}), in the client's order; empty, for every prelude but such a one, leaves the
     * hello's own ALPN as it is.
     */
    default List<String> alpn() {
        return List.of();
    }
}
