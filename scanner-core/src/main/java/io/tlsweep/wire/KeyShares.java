package io.tlsweep.wire;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real public values for key_share entries, with their private keys. A scanner never completes the key
 * exchange, so one key pair per group and process is enough: it is made on first use and reused, which keeps
 * hello encoding cheap. The private key stays here so that a TLS 1.3 reply can be read to the end
 * ({@link io.tlsweep.wire.tls13.FlightReader}): {@link #privateKey} gives it back for a public value this class made.
 */
public final class KeyShares {
    /** A group's public value, as sent, and its private key. */
    private record Pair(byte[] publicValue, PrivateKey privateKey) {
    }

    private static final Map<Integer, Pair> CACHE = new ConcurrentHashMap<>();

    private KeyShares() {
    }

    /** The groups this class can make a real public value for. */
    public static boolean canGenerate(NamedGroup group) {
        return switch (group.code()) {
            case 23, 24, 25, 29, 30 -> true;
            default -> false;
        };
    }

    /** A key_share entry with a valid public value, or empty for a group it cannot generate. */
    public static Optional<KeyShareEntry> entry(NamedGroup group) {
        if (!canGenerate(group)) {
            return Optional.empty();
        }
        return Optional.of(new KeyShareEntry(group, pair(group).publicValue()));
    }

    /**
     * The private key behind {@code publicValue}, when it is the value {@link #entry} made for {@code group} in
     * this process, or the hybrid share {@link HybridKeyShares#entry} made for a {@link HybridKeyShares#readable}
     * group (its {@link HybridKeyShares.Hybrid}); empty for any other value (a share made elsewhere, a value sent by a
     * test).
     */
    public static Optional<PrivateKey> privateKey(NamedGroup group, byte[] publicValue) {
        if (HybridKeyShares.readable(group)) {
            return HybridKeyShares.privateKey(group, publicValue);
        }
        if (!canGenerate(group)) {
            return Optional.empty();
        }
        Pair pair = CACHE.get(group.code());
        return pair != null && MessageDigest.isEqual(pair.publicValue(), publicValue)
                ? Optional.of(pair.privateKey()) : Optional.empty();
    }

    private static Pair pair(NamedGroup group) {
        return CACHE.computeIfAbsent(group.code(), code -> generate(group));
    }

    private static Pair generate(NamedGroup group) {
        try {
            return switch (group.code()) {
                case 23 -> ecPoint("secp256r1", 32);
                case 24 -> ecPoint("secp384r1", 48);
                case 25 -> ecPoint("secp521r1", 66);
                case 29 -> xdh("X25519", 32);
                case 30 -> xdh("X448", 56);
                default -> throw new IllegalArgumentException("no generator for " + group);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + group + " key", e);
        }
    }

    /** Uncompressed point encoding: 0x04 || X || Y, each coordinate left-padded to the field size. */
    private static Pair ecPoint(String curve, int fieldBytes) throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec(curve));
        KeyPair kp = kpg.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) kp.getPublic();
        byte[] out = new byte[1 + 2 * fieldBytes];
        out[0] = 4;
        putUnsigned(pub.getW().getAffineX(), out, 1, fieldBytes);
        putUnsigned(pub.getW().getAffineY(), out, 1 + fieldBytes, fieldBytes);
        return new Pair(out, kp.getPrivate());
    }

    /** RFC 7748 encoding: the u coordinate, little-endian. */
    private static Pair xdh(String name, int size) throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("XDH");
        kpg.initialize(new NamedParameterSpec(name));
        KeyPair kp = kpg.generateKeyPair();
        XECPublicKey pub = (XECPublicKey) kp.getPublic();
        byte[] bigEndian = new byte[size];
        putUnsigned(pub.getU(), bigEndian, 0, size);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = bigEndian[size - 1 - i];
        }
        return new Pair(out, kp.getPrivate());
    }

    private static void putUnsigned(BigInteger v, byte[] out, int off, int len) {
        byte[] b = v.toByteArray();
        int start = Math.max(0, b.length - len);
        int n = b.length - start;
        System.arraycopy(b, start, out, off + len - n, n);
    }
}
