package io.tlsweep.wire;

/** A property of a cipher suite that makes it unfit for use today, derived from the suite table's fields. */
public enum Weakness {
    /** No encryption (enc None). */
    NULL,
    /** No server authentication (anonymous DH/ECDH, TLS_NULL_WITH_NULL_NULL). */
    ANONYMOUS,
    /** An export-grade suite (40/56-bit keys, 512/1024-bit key exchange). */
    EXPORT,
    RC4,
    RC2,
    /** Single DES, including DES40. */
    DES,
    /** Triple DES: 64-bit block, SWEET32. */
    TRIPLE_DES,
    /** An HMAC-MD5 record MAC. */
    MD5,
    /** CBC mode (padding oracles, Lucky13, BEAST before TLS 1.1). */
    CBC
}
