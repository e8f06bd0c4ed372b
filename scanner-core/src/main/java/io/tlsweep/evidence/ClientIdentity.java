package io.tlsweep.evidence;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a client looks like from its ClientHello: its JA4 fingerprint (a portable label) and the nearest client
 * profile. Both are empty where the input did not show the hello (an access log: the user agent is all there is).
 */
public record ClientIdentity(Optional<String> ja4, Optional<ClientMatch> looksLike) {
    public static final ClientIdentity UNKNOWN = new ClientIdentity(Optional.empty(), Optional.empty());

    public ClientIdentity {
        Objects.requireNonNull(ja4, "ja4");
        Objects.requireNonNull(looksLike, "looksLike");
    }
}
