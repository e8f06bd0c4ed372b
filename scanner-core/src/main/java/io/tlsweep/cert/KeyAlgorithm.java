package io.tlsweep.cert;

/** The public key algorithm of a certificate. */
public enum KeyAlgorithm {
    RSA,
    EC,
    EDDSA,
    DSA,
    /** Anything else (GOST, SM2, an algorithm the JDK does not know); size unknown. */
    OTHER
}
