package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * The hybrid shares are laid out as draft-ietf-tls-ecdhe-mlkem (and, for X25519Kyber768Draft00,
 * draft-tls-westerbaan-xyber768d00) says: each part is found where the draft puts it, the classic part is the
 * process's own classic share, and the ML-KEM part is an encapsulation key Bouncy Castle encapsulates to.
 */
class HybridKeySharesTest {

    private static byte[] share(NamedGroup g) {
        return HybridKeyShares.entry(g).orElseThrow().keyExchange();
    }

    private static byte[] classic(NamedGroup g) {
        return KeyShares.entry(g).orElseThrow().keyExchange();
    }

    /** Encapsulates to {@code key} and returns the ciphertext's length. */
    private static int encapsulate(MLKEMParameters params, byte[] key) {
        SecretWithEncapsulation s = new MLKEMGenerator(new SecureRandom())
                .generateEncapsulated(new MLKEMPublicKeyParameters(params, key));
        assertThat(s.getSecret()).hasSize(32);
        return s.getEncapsulation().length;
    }

    @Test
    void x25519Mlkem768IsTheMlkemKeyFirstThenX25519() {
        byte[] s = share(NamedGroup.X25519_MLKEM768);
        assertThat(s).hasSize(1184 + 32);
        assertThat(Arrays.copyOfRange(s, 1184, 1216)).isEqualTo(classic(NamedGroup.X25519));
        assertThat(encapsulate(MLKEMParameters.ml_kem_768, Arrays.copyOfRange(s, 0, 1184))).isEqualTo(1088);
        assertThat(HybridKeyShares.clientShareBytes(NamedGroup.X25519_MLKEM768)).contains(1216);
        assertThat(HybridKeyShares.serverShareBytes(NamedGroup.X25519_MLKEM768)).contains(1088 + 32);
    }

    @Test
    void theNistCurveHybridsAreThePointFirstThenTheMlkemKey() {
        byte[] p256 = share(NamedGroup.SECP256R1_MLKEM768);
        assertThat(p256).hasSize(65 + 1184);
        assertThat(Arrays.copyOfRange(p256, 0, 65)).isEqualTo(classic(NamedGroup.SECP256R1)).startsWith(4);
        assertThat(encapsulate(MLKEMParameters.ml_kem_768, Arrays.copyOfRange(p256, 65, p256.length)))
                .isEqualTo(1088);
        byte[] p384 = share(NamedGroup.SECP384R1_MLKEM1024);
        assertThat(p384).hasSize(97 + 1568);
        assertThat(Arrays.copyOfRange(p384, 0, 97)).isEqualTo(classic(NamedGroup.SECP384R1));
        assertThat(encapsulate(MLKEMParameters.ml_kem_1024, Arrays.copyOfRange(p384, 97, p384.length)))
                .isEqualTo(1568);
        assertThat(HybridKeyShares.serverShareBytes(NamedGroup.SECP256R1_MLKEM768)).contains(65 + 1088);
        assertThat(HybridKeyShares.serverShareBytes(NamedGroup.SECP384R1_MLKEM1024)).contains(97 + 1568);
    }

    @Test
    void x25519Kyber768Draft00IsX25519FirstThenTheKyberKey() {
        byte[] s = share(NamedGroup.X25519_KYBER768_DRAFT00);
        assertThat(s).hasSize(32 + 1184);
        assertThat(Arrays.copyOfRange(s, 0, 32)).isEqualTo(classic(NamedGroup.X25519));
        assertThat(encapsulate(MLKEMParameters.ml_kem_768, Arrays.copyOfRange(s, 32, s.length))).isEqualTo(1088);
    }

    @Test
    void oneSharePerGroupAndProcessAndNoneForOtherGroups() {
        assertThat(share(NamedGroup.X25519_MLKEM768)).isEqualTo(share(NamedGroup.X25519_MLKEM768));
        assertThat(HybridKeyShares.entry(NamedGroup.X25519)).isEmpty();
        assertThat(HybridKeyShares.entry(NamedGroup.MLKEM768)).as("pure ML-KEM is not a hybrid").isEmpty();
        assertThat(HybridKeyShares.entry(NamedGroup.CURVE_SM2_MLKEM768)).isEmpty();
        assertThat(HybridKeyShares.canGenerate(NamedGroup.SECP384R1_MLKEM1024)).isTrue();
        assertThat(HybridKeyShares.serverShareBytes(NamedGroup.X25519)).isEmpty();
    }

    @Test
    void theServerShareLengthIsReadFromTheCapturedServerHello() {
        ServerResponse whole = ServerResponseDecoder.finish(Vectors.load("pq/pq-share-x25519mlkem768.server.hex"));
        assertThat(HybridKeyShares.shareBytes((ServerHello) whole)).contains(1120);
        ServerResponse classic = ServerResponseDecoder.finish(Vectors.load("pq/pq-browser-classic.server.hex"));
        assertThat(HybridKeyShares.shareBytes((ServerHello) classic)).contains(32);
    }
}
