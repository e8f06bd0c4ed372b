package io.tlsweep.wire;

/** What kind of key exchange group a {@link NamedGroup} is. */
public enum GroupKind {
    /** Elliptic curve over a prime field in Weierstrass form (secp*, brainpool*, GOST, SM2). */
    EC_PRIME,
    /** Elliptic curve over a binary field (sect*). */
    EC_BINARY,
    /** Montgomery-form curves of RFC 7748 (x25519, x448). */
    ECX,
    /** Finite-field Diffie-Hellman groups of RFC 7919. */
    FFDHE,
    /** Explicit curve parameters sent in the handshake (arbitrary_explicit_*_curves, RFC 8422 deprecated). */
    EXPLICIT_CURVES,
    /** A pure post-quantum KEM (ML-KEM). */
    PQ,
    /** A classical group combined with a post-quantum KEM. */
    HYBRID_PQ,
    /** Not a registered group (unknown, GREASE or private use). */
    UNKNOWN
}
