package io.tlsweep.wire;

import java.util.Optional;

/** The record-protection cipher of a suite (the {@code enc} column of the suite table): algorithm and mode. */
public enum BulkCipher {
    NULL("None", "NULL", CipherMode.NONE),
    RC4("RC4", "RC4", CipherMode.STREAM),
    RC2("RC2", "RC2", CipherMode.CBC),
    DES("DES", "DES", CipherMode.CBC),
    TRIPLE_DES("3DES", "3DES", CipherMode.CBC),
    IDEA("IDEA", "IDEA", CipherMode.CBC),
    SEED("SEED", "SEED", CipherMode.CBC),
    AES_CBC("AES", "AES", CipherMode.CBC),
    AES_GCM("AESGCM", "AES", CipherMode.GCM),
    AES_CCM("AESCCM", "AES", CipherMode.CCM),
    AES_CCM_8("AESCCM8", "AES", CipherMode.CCM_8),
    CAMELLIA_CBC("Camellia", "Camellia", CipherMode.CBC),
    CAMELLIA_GCM("CamelliaGCM", "Camellia", CipherMode.GCM),
    ARIA_CBC("ARIA", "ARIA", CipherMode.CBC),
    ARIA_GCM("ARIAGCM", "ARIA", CipherMode.GCM),
    CHACHA20_POLY1305("ChaCha20", "ChaCha20", CipherMode.CHACHA20_POLY1305),
    /** GOST 28147-89 in counter mode. */
    GOST28147("GOST", "GOST28147", CipherMode.STREAM),
    SM4_GCM("SM4GCM", "SM4", CipherMode.GCM),
    SM4_CCM("SM4CCM", "SM4", CipherMode.CCM),
    /** The suite is not in the registry. */
    UNKNOWN("?", "?", CipherMode.UNKNOWN);

    private final String token;
    private final String algorithm;
    private final CipherMode mode;

    BulkCipher(String token, String algorithm, CipherMode mode) {
        this.token = token;
        this.algorithm = algorithm;
        this.mode = mode;
    }

    /** The block or stream cipher without its mode: "AES", "Camellia", "3DES", "NULL"... */
    public String algorithm() {
        return algorithm;
    }

    public CipherMode mode() {
        return mode;
    }

    public boolean isAead() {
        return mode.isAead();
    }

    static Optional<BulkCipher> fromTableToken(String token) {
        for (BulkCipher cipher : values()) {
            if (cipher != UNKNOWN && cipher.token.equals(token)) {
                return Optional.of(cipher);
            }
        }
        return Optional.empty();
    }
}
