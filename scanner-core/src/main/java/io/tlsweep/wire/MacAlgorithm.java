package io.tlsweep.wire;

import java.util.Optional;

/** The record MAC of a suite (the {@code mac} column of the suite table); {@link #AEAD} when the cipher authenticates. */
public enum MacAlgorithm {
    NULL("Null"),
    MD5("MD5"),
    SHA1("SHA1"),
    SHA256("SHA256"),
    SHA384("SHA384"),
    AEAD("AEAD"),
    /** GOST 28147-89 IMIT. */
    GOST28147_IMIT("GOST89IMIT"),
    /** GOST R 34.11-94 (the table writes both "GOST94" and "GOSTR3411"). */
    GOSTR3411_94("GOST94"),
    STREEBOG256("STREEBOG256"),
    /** The suite is not in the registry. */
    UNKNOWN("?");

    private final String token;

    MacAlgorithm(String token) {
        this.token = token;
    }

    static Optional<MacAlgorithm> fromTableToken(String token) {
        if (token.equals("GOSTR3411")) {
            return Optional.of(GOSTR3411_94);
        }
        for (MacAlgorithm mac : values()) {
            if (mac != UNKNOWN && mac.token.equals(token)) {
                return Optional.of(mac);
            }
        }
        return Optional.empty();
    }
}
