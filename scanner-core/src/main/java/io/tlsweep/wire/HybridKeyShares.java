package io.tlsweep.wire;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMExtractor;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyPairGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;

/**
 * Real key_share values for the post-quantum hybrid groups: an ML-KEM encapsulation key (Bouncy Castle's ML-KEM,
 * FIPS 203) joined to a classic public value, in the order each group's specification gives.
 * draft-ietf-tls-ecdhe-mlkem: X25519MLKEM768 is the ML-KEM-768 key first, then X25519 (1184 + 32 bytes);
 * SecP256r1MLKEM768 and SecP384r1MLKEM1024 the uncompressed ECDH point first, then the ML-KEM-768 or -1024 key
 * (65 + 1184, 97 + 1568). draft-tls-westerbaan-xyber768d00: X25519Kyber768Draft00 is X25519 first, then the
 * Kyber768 key, which has the ML-KEM-768 key's length and layout (32 + 1184). As in {@link KeyShares}, a scanner
 * never completes the exchange, so one value per group and process is made on first use and reused; its private
 * keys stay here, so that a server's answer to X25519MLKEM768 can be read to the end ({@link #privateKey},
 * {@link Hybrid#sharedSecret}).
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

    /** The hybrid groups whose flights can be read: {@link Hybrid#sharedSecret} follows their draft. */
    private static final java.util.Set<Integer> READABLE = java.util.Set.of(NamedGroup.X25519_MLKEM768.code());

    /**
     * The private side of a hybrid share this class made: the classic group's private key and the ML-KEM
     * decapsulation key. A {@link PrivateKey} only so that it travels where a share's private key does
     * ({@link io.tlsweep.wire.tls13.FlightReader.PrivateKeys}); it has no encoding.
     */
    public static final class Hybrid implements PrivateKey {
        private final transient Layout layout;
        private final transient PrivateKey classic;
        private final transient MLKEMPrivateKeyParameters kem;

        private Hybrid(Layout layout, PrivateKey classic, MLKEMPrivateKeyParameters kem) {
            this.layout = layout;
            this.classic = classic;
            this.kem = kem;
        }

        /** The classic group of the hybrid (x25519 for X25519MLKEM768). */
        public NamedGroup classicGroup() {
            return layout.classic();
        }

        /** The classic group's private key. */
        public PrivateKey classicKey() {
            return classic;
        }

        /**
         * The hybrid shared secret for the server's {@code share} (draft-ietf-tls-ecdhe-mlkem: for X25519MLKEM768
         * the ML-KEM ciphertext, then the X25519 value; the secret is the ML-KEM shared secret, then the X25519 one),
         * given how the classic part's secret is computed; empty when the share has the wrong length or the classic
         * part is not a valid public value.
         */
        public Optional<byte[]> sharedSecret(byte[] share,
                java.util.function.Function<byte[], Optional<byte[]>> classicSecret) {
            if (share.length != layout.classicBytes() + layout.ciphertextBytes()) {
                return Optional.empty();
            }
            int split = layout.kemFirst() ? layout.ciphertextBytes() : layout.classicBytes();
            byte[] first = Arrays.copyOfRange(share, 0, split);
            byte[] second = Arrays.copyOfRange(share, split, share.length);
            byte[] ciphertext = layout.kemFirst() ? first : second;
            Optional<byte[]> classicPart = classicSecret.apply(layout.kemFirst() ? second : first);
            if (classicPart.isEmpty()) {
                return Optional.empty();
            }
            byte[] kemPart;
            try {
                kemPart = new MLKEMExtractor(kem).extractSecret(ciphertext);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            byte[] a = layout.kemFirst() ? kemPart : classicPart.get();
            byte[] b = layout.kemFirst() ? classicPart.get() : kemPart;
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return Optional.of(out);
        }

        @Override
        public String getAlgorithm() {
            return "hybrid";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    /** A group's share as sent and its private side. */
    private record Share(byte[] value, Hybrid key) {
    }

    private static final Map<Integer, Share> CACHE = new ConcurrentHashMap<>();

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
        return Optional.of(new KeyShareEntry(group, CACHE.computeIfAbsent(group.code(), c -> generate(layout))
                .value()));
    }

    /** Whether a flight answering a share of {@code group} can be read with the private side kept here. */
    public static boolean readable(NamedGroup group) {
        return READABLE.contains(group.code());
    }

    /**
     * The private side of {@code publicValue}, when it is the share {@link #entry} made for {@code group} (one of the
     * {@link #readable} groups) in this process; empty for any other value.
     */
    public static Optional<PrivateKey> privateKey(NamedGroup group, byte[] publicValue) {
        Share share = readable(group) ? CACHE.get(group.code()) : null;
        return share != null && MessageDigest.isEqual(share.value(), publicValue) ? Optional.of(share.key())
                : Optional.empty();
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

    private static Share generate(Layout layout) {
        byte[] classic = KeyShares.entry(layout.classic()).orElseThrow(() -> new IllegalStateException(
                "no " + layout.classic() + " share for a hybrid")).raw();
        PrivateKey classicKey = KeyShares.privateKey(layout.classic(), classic).orElseThrow();
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(new SecureRandom(), layout.kem()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] kem = ((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded();
        if (classic.length != layout.classicBytes() || kem.length != layout.kemBytes()) {
            throw new IllegalStateException("a hybrid share of unexpected parts: " + classic.length + " + "
                    + kem.length + " bytes");
        }
        byte[] first = layout.kemFirst() ? kem : classic;
        byte[] second = layout.kemFirst() ? classic : kem;
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return new Share(out, new Hybrid(layout, classicKey, (MLKEMPrivateKeyParameters) pair.getPrivate()));
    }
}
