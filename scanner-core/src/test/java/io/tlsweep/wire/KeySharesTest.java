package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.XECPrivateKey;
import org.junit.jupiter.api.Test;

/** KeyShares keeps the private key of each public value it makes, and gives it only for that value. */
class KeySharesTest {

    @Test
    void thePrivateKeyOfAShareMadeHereIsKept() {
        KeyShareEntry x25519 = KeyShares.entry(NamedGroup.X25519).orElseThrow();
        KeyShareEntry p256 = KeyShares.entry(NamedGroup.SECP256R1).orElseThrow();

        assertThat(KeyShares.privateKey(NamedGroup.X25519, x25519.keyExchange())).get()
                .isInstanceOf(XECPrivateKey.class);
        assertThat(KeyShares.privateKey(NamedGroup.SECP256R1, p256.keyExchange())).get()
                .isInstanceOf(ECPrivateKey.class);
    }

    @Test
    void noPrivateKeyForAValueMadeElsewhereOrAGroupItCannotMake() {
        byte[] other = KeyShares.entry(NamedGroup.X25519).orElseThrow().keyExchange();
        other[0] ^= 1;

        assertThat(KeyShares.privateKey(NamedGroup.X25519, other)).isEmpty();
        assertThat(KeyShares.privateKey(NamedGroup.SECP256R1,
                KeyShares.entry(NamedGroup.X25519).orElseThrow().keyExchange())).isEmpty();
        assertThat(KeyShares.privateKey(NamedGroup.FFDHE2048, new byte[256])).isEmpty();
    }

    @Test
    void theSameGroupGivesTheSameShareAllProcessLong() {
        assertThat(KeyShares.entry(NamedGroup.SECP384R1).orElseThrow().keyExchange())
                .isEqualTo(KeyShares.entry(NamedGroup.SECP384R1).orElseThrow().keyExchange());
    }
}
