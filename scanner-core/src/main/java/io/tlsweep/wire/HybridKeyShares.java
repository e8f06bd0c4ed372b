package io.tlsweep.wire;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyPairGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;

/**
 * Real key_share values for the post-quantum hybrid groups: an ML-KEM encapsulation key (Bouncy Castle's ML-KEM,
 * FIPS 203) joined to a classic public value, in the order each group's specification gives.
 * draft-ietf-tls-ecdhe-mlkem: X25519MLKEM768 is the ML-KEM-768 key first, then X25519 (1184 + 32 bytes);
 * SecP256r1MLKEM768 and SecP384r1MLKEM1024 the uncompressed ECDH point first, then the ML-KEM-768 or -1024 key
 * (65 + 1184, 97 + 1568). draft-tls-westerbaan-xyber768d00: X25519Kyber768Draft00 is X25519 first, then the
 * Kyber768 key, which has the ML-KEM-768 key's length and layout (32 + 1184). As in {@link KeyShares}, a scanner
 * never completes the exchange, so one value per group and process is made on first use and reused.
 */
public final class HybridKeyShares {
    /**
     * How a hybrid group's shares are made.
     *
     * @param classic the classic group of the hybrid
     * @param classicBytes the length of its public value
     * @param kem the ML-KEM parameter set
     * @param kemBytes the length of the encapsulation key (the client's part)
     * @param ciphertextBytes the length of the ciphertext (the server's part)
     * @param kemFirst whether the ML-KEM part comes before the classic one
     */
    record Layout(NamedGroup classic, int classicBytes, MLKEMParameters kem, int kemBytes, int ciphertextBytes,
            boolean kemFirst) {
    }

    private static final Map<Integer, Layout> LAYOUTS = Map.of(
            NamedGroup.X25519_MLKEM768.code(),
            new Layout(NamedGroup.X25519, 32, MLKEMParameters.ml_kem_768, 1184, 1088, true),
            NamedGroup.SECP256R1_MLKEM768.code(),
            new Layout(NamedGroup.SECP256R1, 65, MLKEMParameters.ml_kem_768, 1184, 1088, false),
            NamedGroup.SECP384R1_MLKEM1024.code(),
            new Layout(NamedGroup.SECP384R1, 97, MLKEMParameters.ml_kem_1024, 1568, 1568, false),
            NamedGroup.X25519_KYBER768_DRAFT00.code(),
            new Layout(NamedGroup.X25519, 32, MLKEMParameters.ml_kem_768, 1184, 1088, false));

    private static final Map<Integer, byte[]> CACHE = new ConcurrentHashMap<>();

    private HybridKeyShares() {
    }

    /** The hybrid groups this class makes a share for. */
    public static boolean canGenerate(NamedGroup group) {
        return LAYOUTS.containsKey(group.code());
    }

    /** A key_share entry with a valid hybrid value, or empty for a group that is not one of these hybrids. */
    public static Optional<KeyShareEntry> entry(NamedGroup group) {
        Layout layout = LAYOUTS.get(group.code());
        if (layout == null) {
            return Optional.empty();
        }
        return Optional.of(new KeyShareEntry(group, CACHE.computeIfAbsent(group.code(), c -> generate(layout))));
    }

    /** The length of the client's share for {@code group}, when it is one of these hybrids. */
    public static Optional<Integer> clientShareBytes(NamedGroup group) {
        return Optional.ofNullable(LAYOUTS.get(group.code())).map(l -> l.classicBytes() + l.kemBytes());
    }

    /** The length of the server's share for {@code group} (classic value and ML-KEM ciphertext). */
    public static Optional<Integer> serverShareBytes(NamedGroup group) {
        return Optional.ofNullable(LAYOUTS.get(group.code())).map(l -> l.classicBytes() + l.ciphertextBytes());
    }

    /**
     * The length of the key_exchange value in a ServerHello's key_share extension (RFC 8446 §4.2.8: group, then a
     * vector of 1..2^16-1 bytes); empty without the extension.
     */
    public static Optional<Integer> shareBytes(ServerHello hello) {
        return hello.extension(ExtensionType.KEY_SHARE).flatMap(e -> {
            try {
                WireReader r = new WireReader(e.raw());
                r.u16("key_share group");
                int length = r.vector(2, "key_share key_exchange").remaining();
                r.expectEnd("key_share");
                return Optional.of(length);
            } catch (WireReader.DecodeError bad) {
                return Optional.empty();
            }
        });
    }

    private static byte[] generate(Layout layout) {
        byte[] classic = KeyShares.entry(layout.classic()).orElseThrow(() -> new IllegalStateException(
                "no " + layout.classic() + " share for a hybrid")).raw();
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(new SecureRandom(), layout.kem()));
        byte[] kem = ((MLKEMPublicKeyParameters) generator.generateKeyPair().getPublic()).getEncoded();
        if (classic.length != layout.classicBytes() || kem.length != layout.kemBytes()) {
            throw new IllegalStateException("a hybrid share of unexpected parts: " + classic.length + " + "
                    + kem.length + " bytes");
        }
        byte[] first = layout.kemFirst() ? kem : classic;
        byte[] second = layout.kemFirst() ? classic : kem;
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
