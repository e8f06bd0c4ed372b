package io.tlsweep.evidence;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a client looks like from its ClientHello: its JA4 fingerprint (a portable label), the nearest client
 * profile, and the family of client stack ("openssl", "gnutls", "java", "schannel" ...). All are empty where the
 * input did not show the hello (an access log: the user agent is all there is).
 *
 * @param family the stack's family: the nearest profile's when the hello is close to it, or one told by traits of
 *     the hello where no profile describes the stack (GnuTLS); empty when neither says
 */
public record ClientIdentity(Optional<String> ja4, Optional<ClientMatch> looksLike, Optional<String> family) {
    public static final ClientIdentity UNKNOWN = new ClientIdentity(Optional.empty(), Optional.empty());

    public ClientIdentity {
        Objects.requireNonNull(ja4, "ja4");
        Objects.requireNonNull(looksLike, "looksLike");
        Objects.requireNonNull(family, "family");
    }

    /** A fingerprint and a profile match, the family not told. */
    public ClientIdentity(Optional<String> ja4, Optional<ClientMatch> looksLike) {
        this(ja4, looksLike, Optional.empty());
    }
}
