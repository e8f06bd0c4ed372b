package io.tlsweep.prelude;

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
     * Whether this prelude failing (the service refusing TLS, turning the client away) means no connection to the
     * endpoint will start TLS, so the engine sends nothing more there: yes, but for an {@link AskedPrelude}.
     */
    default boolean failureEndsEndpoint() {
        return true;
    }
}
