package io.tlsweep.wire.tls13;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.HybridKeyShares;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The X25519MLKEM768 shared secret of the scan's own hybrid share, against a server side computed here apart: ML-KEM-768
 * encapsulation to the share's first 1184 bytes (Bouncy Castle) and the JDK's X25519 with the last 32; the server's
 * share is the ciphertext then its X25519 value, the secret the ML-KEM secret then the X25519 one
 * (draft-ietf-tls-ecdhe-mlkem). Whole, truncated, lengthened and mutated.
 */
class HybridSharedSecretTest {
    private static final NamedGroup GROUP = NamedGroup.X25519_MLKEM768;
    private static byte[] serverShare;
    private static byte[] expected;
    private static PrivateKey mine;

    @BeforeAll
    static void serverSide() throws Exception {
        byte[] client = HybridKeyShares.entry(GROUP).map(KeyShareEntry::keyExchange).orElseThrow();
        assertThat(client).hasSize(1184 + 32);
        mine = KeyShares.privateKey(GROUP, client).orElseThrow();

        SecretWithEncapsulation kem = new MLKEMGenerator(new SecureRandom()).generateEncapsulated(
                new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, Arrays.copyOfRange(client, 0, 1184)));
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("XDH");
        kpg.initialize(new NamedParameterSpec("X25519"));
        KeyPair server = kpg.generateKeyPair();
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(server.getPrivate());
        ka.doPhase(KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                new BigInteger(1, reversed(Arrays.copyOfRange(client, 1184, client.length))))), true);
        byte[] x25519Secret = ka.generateSecret();

        byte[] serverX25519 = reversed(leftPad(((XECPublicKey) server.getPublic()).getU().toByteArray(), 32));
        serverShare = concat(kem.getEncapsulation(), serverX25519);
        expected = concat(kem.getSecret(), x25519Secret);
        assertThat(serverShare).hasSize(1088 + 32);
        assertThat(expected).hasSize(64);
    }

    @Test
    void theSecretIsTheMlKemSecretThenTheX25519One() {
        assertThat(SharedSecret.supports(GROUP)).isTrue();
        assertThat(SharedSecret.of(GROUP, mine, serverShare)).hasValue(expected);
    }

    @Test
    void aShareOfTheWrongLengthGivesNoSecret() {
        for (int len : new int[] {0, 32, 1088, serverShare.length - 1}) {
            assertThat(SharedSecret.of(GROUP, mine, Arrays.copyOf(serverShare, len))).as("" + len).isEmpty();
        }
        assertThat(SharedSecret.of(GROUP, mine, Arrays.copyOf(serverShare, serverShare.length + 1))).isEmpty();
    }

    @Test
    void aMutatedCiphertextOrX25519ValueGivesAnotherSecretNeverAnException() {
        for (int at : new int[] {0, 500, 1087, 1088, 1100, 1119}) {
            byte[] bad = serverShare.clone();
            bad[at] ^= 0x01;
            Optional<byte[]> secret = SharedSecret.of(GROUP, mine, bad);
            secret.ifPresent(s -> assertThat(s).as("flipped byte " + at).isNotEqualTo(expected));
        }
    }

    @Test
    void aClassicKeyOrAnotherHybridGivesNoSecret() {
        PrivateKey x25519 = KeyShares.privateKey(NamedGroup.X25519,
                KeyShares.entry(NamedGroup.X25519).orElseThrow().keyExchange()).orElseThrow();
        assertThat(SharedSecret.of(GROUP, x25519, serverShare)).isEmpty();
        assertThat(SharedSecret.supports(NamedGroup.SECP256R1_MLKEM768)).isFalse();
        assertThat(KeyShares.privateKey(NamedGroup.SECP256R1_MLKEM768, HybridKeyShares.entry(
                NamedGroup.SECP256R1_MLKEM768).orElseThrow().keyExchange())).isEmpty();
        byte[] other = HybridKeyShares.entry(GROUP).orElseThrow().keyExchange().clone();
        other[0] ^= 1;
        assertThat(KeyShares.privateKey(GROUP, other)).as("a value this process did not make").isEmpty();
    }

    private static byte[] reversed(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return out;
    }

    private static byte[] leftPad(byte[] b, int len) {
        byte[] out = new byte[len];
        int n = Math.min(b.length, len);
        System.arraycopy(b, b.length - n, out, len - n, n);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
