package io.tlsweep.report.cbom;

import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.component.crypto.enums.Mode;
import org.cyclonedx.model.component.crypto.enums.Primitive;

/**
 * The algorithms a cipher suite names, as crypto assets: its key exchange, its authentication, its record cipher
 * and its record MAC (or, for AEAD suites, the hash its name gives the handshake). A TLS 1.3 suite names no key
 * exchange nor authentication: those are negotiated apart (the protocol's groups). Pure.
 */
final class SuiteAlgorithms {
    private static final List<CryptoFunction> ENCRYPT = List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT);
    private static final List<CryptoFunction> SIGN = List.of(CryptoFunction.SIGN, CryptoFunction.VERIFY);
    private static final List<CryptoFunction> AGREE = List.of(CryptoFunction.KEYGEN, CryptoFunction.KEYDERIVE);

    private SuiteAlgorithms() {
    }

    /** The suite's algorithms, in the order key exchange, authentication, cipher, MAC or hash. */
    static List<AlgorithmAsset> of(CipherSuite suite) {
        List<AlgorithmAsset> out = new ArrayList<>(4);
        keyExchange(suite).ifPresent(out::add);
        authentication(suite).ifPresent(out::add);
        cipher(suite).ifPresent(out::add);
        mac(suite).ifPresent(out::add);
        return out;
    }

    private static Optional<AlgorithmAsset> keyExchange(CipherSuite suite) {
        return switch (suite.keyExchange()) {
            // RFC 5246 7.4.7.1: the premaster secret is encrypted with RSAES-PKCS1-v1_5
            case RSA, RSA_PSK -> Optional.of(new AlgorithmAsset("RSA-PKCS1-v1_5", Primitive.PKE,
                    suite.keyExchangeLimitBits() > 0 ? Integer.toString(suite.keyExchangeLimitBits()) : null, null,
                    null, ENCRYPT, 0));
            case DH -> Optional.of(agreement("DH"));
            case DHE, DHE_PSK -> Optional.of(agreement("DHE"));
            case ECDH -> Optional.of(agreement("ECDH"));
            case ECDHE, ECDHE_PSK -> Optional.of(agreement("ECDHE"));
            case PSK, KRB5, SRP, GOST, CECPQ1 -> Optional.of(new AlgorithmAsset(suite.keyExchange().name(),
                    Primitive.OTHER, null, null, null, List.of(CryptoFunction.KEYDERIVE), null));
            case NONE, ANY, UNKNOWN -> Optional.empty();
        };
    }

    private static AlgorithmAsset agreement(String name) {
        return new AlgorithmAsset(name, Primitive.KEY_AGREE, null, null, null, AGREE, 0);
    }

    private static Optional<AlgorithmAsset> authentication(CipherSuite suite) {
        return switch (suite.authentication()) {
            case RSA -> Optional.of(signature("RSA"));
            case DSS -> Optional.of(signature("DSA"));
            case ECDSA -> Optional.of(signature("ECDSA"));
            // DH and ECDH certificates authenticate by the key exchange itself; the rest sign nothing
            default -> Optional.empty();
        };
    }

    private static AlgorithmAsset signature(String name) {
        return new AlgorithmAsset(name, Primitive.SIGNATURE, null, null, null, SIGN, 0);
    }

    private static Optional<AlgorithmAsset> cipher(CipherSuite suite) {
        BulkCipher cipher = suite.cipher();
        if (cipher == BulkCipher.NULL || cipher == BulkCipher.UNKNOWN) {
            return Optional.empty();
        }
        int bits = suite.keyBits();
        String size = bits > 0 ? Integer.toString(bits) : null;
        if (cipher == BulkCipher.CHACHA20_POLY1305) {
            return Optional.of(new AlgorithmAsset("ChaCha20-Poly1305", Primitive.AE, size, null, null, ENCRYPT,
                    null));
        }
        Mode mode = switch (cipher.mode()) {
            case CBC -> Mode.CBC;
            case GCM -> Mode.GCM;
            case CCM, CCM_8 -> Mode.CCM;
            default -> null;
        };
        String modeName = switch (cipher.mode()) {
            case CCM_8 -> "-CCM-8";
            case STREAM, NONE, UNKNOWN, CHACHA20_POLY1305 -> "";
            default -> "-" + mode.name();
        };
        Primitive primitive = switch (cipher.mode()) {
            case STREAM -> Primitive.STREAM_CIPHER;
            case GCM, CCM, CCM_8 -> Primitive.AE;
            default -> Primitive.BLOCK_CIPHER;
        };
        String name = cipher.algorithm() + (size == null ? "" : "-" + size) + modeName;
        return Optional.of(new AlgorithmAsset(name, primitive, size, null, mode, ENCRYPT, quantumLevel(cipher, bits)));
    }

    /**
     * NIST's post-quantum security categories 1, 3 and 5 are defined as the strength of AES-128, -192 and -256;
     * RC4, RC2, DES and 3DES (and export-sized keys) fall below category 1. Other ciphers: not stated.
     */
    private static Integer quantumLevel(BulkCipher cipher, int bits) {
        return switch (cipher) {
            case AES_CBC, AES_GCM, AES_CCM, AES_CCM_8 -> switch (bits) {
                case 128 -> 1;
                case 192 -> 3;
                case 256 -> 5;
                default -> null;
            };
            case RC4, RC2, DES, TRIPLE_DES -> 0;
            default -> null;
        };
    }

    private static Optional<AlgorithmAsset> mac(CipherSuite suite) {
        return switch (suite.mac()) {
            case MD5 -> Optional.of(hmac("HMAC-MD5", "128"));
            case SHA1 -> Optional.of(hmac("HMAC-SHA1", "160"));
            case SHA256 -> Optional.of(hmac("HMAC-SHA256", "256"));
            case SHA384 -> Optional.of(hmac("HMAC-SHA384", "384"));
            case AEAD -> handshakeHash(suite.ianaName());
            case NULL, UNKNOWN -> Optional.empty();
            default -> Optional.of(new AlgorithmAsset(suite.mac().name(), Primitive.MAC, null, null, null,
                    List.of(CryptoFunction.TAG), null));
        };
    }

    private static AlgorithmAsset hmac(String name, String bits) {
        return new AlgorithmAsset(name, Primitive.MAC, bits, null, null, List.of(CryptoFunction.TAG), null);
    }

    /** An AEAD suite's name ends with the hash of its PRF (TLS 1.2) or HKDF (TLS 1.3). */
    private static Optional<AlgorithmAsset> handshakeHash(String ianaName) {
        for (String bits : List.of("256", "384", "512")) {
            if (ianaName.endsWith("_SHA" + bits)) {
                return Optional.of(new AlgorithmAsset("SHA-" + bits, Primitive.HASH, bits, null, null,
                        List.of(CryptoFunction.DIGEST), null));
            }
        }
        return Optional.empty();
    }
}
