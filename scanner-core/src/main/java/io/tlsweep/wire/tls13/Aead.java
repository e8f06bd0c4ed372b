package io.tlsweep.wire.tls13;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEAD of a TLS 1.3 suite and the hash of its key schedule (RFC 8446 Appendix B.4). The CCM suites are
 * not here: the JDK has no AES-CCM, so a flight under them is reported as unreadable.
 */
enum Aead {
    AES_128_GCM(0x1301, Hkdf.SHA256, 16, "AES/GCM/NoPadding", "AES"),
    AES_256_GCM(0x1302, Hkdf.SHA384, 32, "AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305(0x1303, Hkdf.SHA256, 32, "ChaCha20-Poly1305", "ChaCha20");

    /** The tag length of every TLS 1.3 AEAD here. */
    static final int TAG_LENGTH = 16;
    /** The per-record nonce length (RFC 8446 §5.3). */
    static final int IV_LENGTH = 12;

    final int suite;
    final Hkdf hkdf;
    final int keyLength;
    private final String transformation;
    private final String keyAlgorithm;

    Aead(int suite, Hkdf hkdf, int keyLength, String transformation, String keyAlgorithm) {
        this.suite = suite;
        this.hkdf = hkdf;
        this.keyLength = keyLength;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The AEAD of the suite with this code, or empty when the suite is not one this reader can decrypt. */
    static Optional<Aead> ofSuite(int code) {
        for (Aead a : values()) {
            if (a.suite == code) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Opens one record: {@code header} is the 5-byte record header (the additional data), {@code sealed} the
     * ciphertext with its tag. Empty when the tag does not verify.
     */
    Optional<byte[]> open(byte[] key, byte[] iv, long sequence, byte[] header, byte[] sealed) {
        if (sealed.length < TAG_LENGTH) {
            return Optional.empty();
        }
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        AlgorithmParameterSpec params = this == CHACHA20_POLY1305 ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(TAG_LENGTH * 8, nonce);
        try {
            Cipher c = Cipher.getInstance(transformation);
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlgorithm), params);
            c.updateAAD(header);
            return Optional.of(c.doFinal(sealed));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run " + transformation, e);
        }
    }
}
