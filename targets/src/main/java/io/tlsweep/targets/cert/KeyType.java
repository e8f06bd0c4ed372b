package io.tlsweep.targets.cert;

/** Key algorithm and size of a generated certificate. */
public enum KeyType {
    RSA_2048("RSA", 2048),
    RSA_1024("RSA", 1024),
    EC_P256("EC", 256);

    private final String algorithm;
    private final int bits;

    KeyType(String algorithm, int bits) {
        this.algorithm = algorithm;
        this.bits = bits;
    }

    /** JCA key algorithm name: {@code RSA} or {@code EC}. */
    public String algorithm() {
        return algorithm;
    }

    public int bits() {
        return bits;
    }

    public boolean isEc() {
        return this == EC_P256;
    }
}
