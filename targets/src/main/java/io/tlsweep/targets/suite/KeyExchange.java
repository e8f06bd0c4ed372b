package io.tlsweep.targets.suite;

import io.tlsweep.targets.cert.KeyType;

/** How a suite establishes keys and which certificate key it needs to authenticate. */
public enum KeyExchange {
    /** Static RSA key transport: needs an RSA certificate. */
    RSA,
    /** Ephemeral finite-field DH signed with RSA. */
    DHE_RSA,
    /** Ephemeral elliptic-curve DH signed with RSA. */
    ECDHE_RSA,
    /** Ephemeral elliptic-curve DH signed with ECDSA. */
    ECDHE_ECDSA,
    /** A TLS 1.3 suite: key exchange and authentication are negotiated separately. */
    TLS13;

    /** Whether a server holding a certificate with this key type can use this key exchange. */
    public boolean worksWith(KeyType keyType) {
        return switch (this) {
            case TLS13 -> true;
            case ECDHE_ECDSA -> keyType.isEc();
            case RSA, DHE_RSA, ECDHE_RSA -> !keyType.isEc();
        };
    }
}
