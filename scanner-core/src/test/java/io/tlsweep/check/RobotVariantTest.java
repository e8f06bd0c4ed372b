package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.wire.Hex;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The five premaster secret blocks of ROBOT, byte for byte as the reference scanner lays them out, and their raw RSA
 * encryption checked against a key of the test (primes from a fixed seed): our own {@code c^d mod n} gives the block
 * back, and the JDK's PKCS#1 v1.5 decryption takes exactly the blocks that are conformant.
 */
class RobotVariantTest {
    private static final BigInteger E = BigInteger.valueOf(65537);
    private static final Key KEY = Key.seeded(2018, 1024);

    /** An RSA key of the test: primes from a fixed seed, so every run has the same one. */
    private record Key(BigInteger n, BigInteger d) {
        static Key seeded(long seed, int primeBits) {
            Random random = new Random(seed);
            while (true) {
                BigInteger p = BigInteger.probablePrime(primeBits, random);
                BigInteger q = BigInteger.probablePrime(primeBits, random);
                BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
                BigInteger n = p.multiply(q);
                if (!p.equals(q) && phi.gcd(E).equals(BigInteger.ONE) && n.bitLength() == 2 * primeBits) {
                    return new Key(n, E.modInverse(phi));
                }
            }
        }

        byte[] decrypt(byte[] c) {
            return RobotVariant.fixedLength(new BigInteger(1, c).modPow(d, n), RobotVariant.modulusBytes(n));
        }

        PrivateKey jdk() throws Exception {
            return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(n, d));
        }
    }

    @Test
    void theBlocksOfASixtyFourByteModulusAreTheReferenceScannersByteForByte() {
        String pad = "abcdabcdabcdabcdabcdabcdab"; // 64 - 51 = 13 bytes
        String secret = "aa" + "112233445566778899".repeat(5);
        assertThat(Hex.of(RobotVariant.CORRECT.block(64, 0x0303))).isEqualTo("0002" + pad + "00" + "0303" + secret);
        assertThat(Hex.of(RobotVariant.WRONG_FIRST_BYTES.block(64, 0x0303)))
                .isEqualTo("4117" + pad + "00" + "0303" + secret);
        assertThat(Hex.of(RobotVariant.MISPLACED_ZERO.block(64, 0x0303))).isEqualTo("0002" + pad + "11" + secret
                + "0011");
        assertThat(Hex.of(RobotVariant.NO_ZERO.block(64, 0x0303))).isEqualTo("0002" + pad + "11" + "1111" + secret);
        assertThat(Hex.of(RobotVariant.WRONG_VERSION.block(64, 0x0303))).isEqualTo("0002" + pad + "00" + "0202"
                + secret);
        assertThat(Hex.of(RobotVariant.CORRECT.block(64, 0x0301))).as("the ClientHello's version")
                .isEqualTo("0002" + pad + "00" + "0301" + secret);
    }

    @ParameterizedTest
    @EnumSource(RobotVariant.class)
    void eachBlockIsAsLongAsTheModulusAndDecryptsBackToItself(RobotVariant v) {
        int k = RobotVariant.modulusBytes(KEY.n());
        assertThat(k).isEqualTo(256);
        byte[] block = v.block(k, 0x0303);
        byte[] c = v.encrypted(KEY.n(), E, 0x0303);
        assertThat(c).hasSize(k).isNotEqualTo(block);
        assertThat(KEY.decrypt(c)).isEqualTo(block);
        for (int i = 2; i < k - 49; i++) {
            assertThat(block[i]).as("padding byte %d", i).isNotZero();
        }
        assertThat(RobotVariant.of(v.label())).contains(v);
    }

    @Test
    void theJdksPkcs1DecryptionTakesTheConformantBlocksAndRefusesTheOthers() throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, KEY.jdk());
        byte[] correct = rsa.doFinal(RobotVariant.CORRECT.encrypted(KEY.n(), E, 0x0303));
        assertThat(correct).hasSize(48);
        assertThat(Arrays.copyOf(correct, 2)).isEqualTo(new byte[] {3, 3});
        assertThat(Arrays.copyOfRange(correct, 2, 48)).isEqualTo(RobotVariant.SECRET);
        byte[] wrongVersion = rsa.doFinal(RobotVariant.WRONG_VERSION.encrypted(KEY.n(), E, 0x0303));
        assertThat(Arrays.copyOf(wrongVersion, 2)).isEqualTo(new byte[] {2, 2});
        assertThat(rsa.doFinal(RobotVariant.MISPLACED_ZERO.encrypted(KEY.n(), E, 0x0303)))
                .as("valid padding, a one-byte message").isEqualTo(new byte[] {0x11});
        for (RobotVariant v : new RobotVariant[] {RobotVariant.WRONG_FIRST_BYTES, RobotVariant.NO_ZERO}) {
            byte[] c = v.encrypted(KEY.n(), E, 0x0303);
            assertThatThrownBy(() -> rsa.doFinal(c)).as(v.label()).isInstanceOf(BadPaddingException.class);
        }
    }

    @Test
    void aModulusWithoutRoomForEightBytesOfPaddingIsRefused() {
        assertThat(RobotVariant.NO_ZERO.block(RobotVariant.MIN_MODULUS_BYTES, 0x0303)).hasSize(59);
        assertThatThrownBy(() -> RobotVariant.CORRECT.block(58, 0x0303)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RobotVariant.modulusBytes(BigInteger.ONE.shiftLeft(2047))).isEqualTo(256);
        assertThat(RobotVariant.modulusBytes(BigInteger.ONE.shiftLeft(2046))).isEqualTo(256);
        assertThat(RobotVariant.fixedLength(BigInteger.valueOf(0x0102), 4)).isEqualTo(new byte[] {0, 0, 1, 2});
    }
}
