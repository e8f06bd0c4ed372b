package io.tlsweep.wire;

import java.util.Optional;

/** How the server proves its identity under a cipher suite (the {@code auth} column of the suite table). */
public enum Authentication {
    /** Anonymous: no authentication at all. */
    NONE("None"),
    RSA("RSA"),
    DSS("DSS"),
    ECDSA("ECDSA"),
    /** A static DH key in the certificate. */
    DH("DH"),
    /** A static ECDH key in the certificate. */
    ECDH("ECDH"),
    PSK("PSK"),
    KRB5("KRB5"),
    SRP("SRP"),
    GOST01("GOST01"),
    GOST94("GOST94"),
    /** TLS 1.3: negotiated separately through signature_algorithms. */
    ANY("any"),
    /** The suite is not in the registry. */
    UNKNOWN("?");

    private final String token;

    Authentication(String token) {
        this.token = token;
    }

    static Optional<Authentication> fromTableToken(String token) {
        for (Authentication auth : values()) {
            if (auth != UNKNOWN && auth.token.equals(token)) {
                return Optional.of(auth);
            }
        }
        return Optional.empty();
    }
}
