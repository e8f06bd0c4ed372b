package io.tlsweep.wire;

import java.util.Optional;

/**
 * How a cipher suite agrees on keys, as named in the {@code kx} column of the suite table
 * (OpenSSL's notation: "DH" is ephemeral DHE, "DH/RSA" is static DH with an RSA-signed certificate).
 */
public enum KeyExchange {
    /** No key exchange (TLS_NULL_WITH_NULL_NULL, and the signalling suites). */
    NONE("None", false),
    RSA("RSA", false),
    /** Static Diffie-Hellman from the server certificate. */
    DH("DH/DSS", false),
    DHE("DH", true),
    /** Static elliptic-curve Diffie-Hellman from the server certificate. */
    ECDH("ECDH/ECDSA", false),
    ECDHE("ECDH", true),
    PSK("PSK", false),
    DHE_PSK("DHEPSK", true),
    ECDHE_PSK("ECDHEPSK", true),
    RSA_PSK("RSAPSK", false),
    KRB5("KRB5", false),
    SRP("SRP", false),
    GOST("GOST", false),
    /** Google's experimental X25519+NewHope hybrid (2016). */
    CECPQ1("CECPQ1", true),
    /** TLS 1.3: negotiated separately through key_share (always ephemeral unless psk_ke). */
    ANY("any", true),
    /** The suite is not in the registry. */
    UNKNOWN("?", false);

    private final String token;
    private final boolean ephemeral;

    KeyExchange(String token, boolean ephemeral) {
        this.token = token;
        this.ephemeral = ephemeral;
    }

    /** Whether the key exchange uses fresh keys per connection (forward secrecy). */
    public boolean isEphemeral() {
        return ephemeral;
    }

    /**
     * Parses a {@code kx} column value without its export limit: "RSA", "DH", "DH/DSS", "DH/RSA",
     * "ECDH/RSA", "ECDH/ECDSA", "DHEPSK", "any"...
     */
    static Optional<KeyExchange> fromTableToken(String token) {
        return switch (token) {
            case "DH/DSS", "DH/RSA" -> Optional.of(DH);
            case "ECDH/ECDSA", "ECDH/RSA" -> Optional.of(ECDH);
            default -> {
                for (KeyExchange kx : values()) {
                    if (kx != UNKNOWN && kx.token.equals(token)) {
                        yield Optional.of(kx);
                    }
                }
                yield Optional.empty();
            }
        };
    }
}
