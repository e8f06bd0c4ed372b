package io.tlsweep.result;

/**
 * What a prelude (what is said before TLS on a STARTTLS, RDP or TDS connection) learned about the service:
 * each protocol's codec gives its own typed record (a banner, whether STARTTLS was offered, the security
 * protocols an RDP server accepts...), and the check that asked for the prelude reads its own type.
 */
public interface PreludeFacts {

    /** The protocol as users name it in target lines and reports ("smtp", "rdp", ...). */
    String protocol();
}
