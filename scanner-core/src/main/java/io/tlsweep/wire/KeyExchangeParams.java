package io.tlsweep.wire;

/** What a TLS ≤ 1.2 ServerKeyExchange revealed about the ephemeral key exchange. */
public sealed interface KeyExchangeParams {

    /** ECDHE over a named curve, with the length of the server's public point. */
    record Ecdhe(NamedGroup group, int publicKeyLength) implements KeyExchangeParams {
    }

    /** Finite-field DHE: sizes in bits of the prime and the server's public value. */
    record Dhe(int primeBits, int generatorBits, int publicKeyBits) implements KeyExchangeParams {
    }

    /** A ServerKeyExchange whose shape this decoder does not read (PSK, SRP, GOST, explicit curves). */
    record Other(int length) implements KeyExchangeParams {
    }
}
