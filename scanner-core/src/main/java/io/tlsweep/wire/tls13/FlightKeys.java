package io.tlsweep.wire.tls13;

/**
 * The server's handshake traffic keys of one connection, and what the rest of the flight is read against: the
 * suite's AEAD, the transcript so far (ClientHello and ServerHello) and where the encrypted flight starts in the
 * bytes received. Made by {@link FlightReader#open}; opaque outside this package.
 */
public final class FlightKeys {
    final Aead aead;
    final byte[] trafficSecret;
    final byte[] key;
    final byte[] iv;
    final byte[] transcript;
    final int flightFrom;

    FlightKeys(Aead aead, byte[] trafficSecret, byte[] transcript, int flightFrom) {
        this.aead = aead;
        this.trafficSecret = trafficSecret;
        this.key = aead.hkdf.expandLabel(trafficSecret, "key", new byte[0], aead.keyLength);
        this.iv = aead.hkdf.expandLabel(trafficSecret, "iv", new byte[0], Aead.IV_LENGTH);
        this.transcript = transcript;
        this.flightFrom = flightFrom;
    }

    /** Where the encrypted flight starts, counted from the first byte received. */
    public int flightFrom() {
        return flightFrom;
    }

    @Override
    public String toString() {
        return "handshake keys for " + aead;
    }
}
