package io.tlsweep.wire;

/** The mode a bulk cipher runs in. */
public enum CipherMode {
    /** No encryption. */
    NONE(false),
    /** A stream cipher (RC4, GOST 28147-89 in counter mode). */
    STREAM(false),
    CBC(false),
    GCM(true),
    CCM(true),
    /** CCM with an 8-byte tag. */
    CCM_8(true),
    CHACHA20_POLY1305(true),
    /** The suite is not in the registry. */
    UNKNOWN(false);

    private final boolean aead;

    CipherMode(boolean aead) {
        this.aead = aead;
    }

    /** Whether the mode is an AEAD construction (no separate MAC). */
    public boolean isAead() {
        return aead;
    }
}
