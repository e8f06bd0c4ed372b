package io.tlsweep.wire;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real public values for key_share entries. A scanner never completes the key exchange, so one key pair
 * per group and process is enough: it is made on first use and reused, which keeps hello encoding cheap.
 */
public final class KeyShares {
    private static final Map<Integer, byte[]> CACHE = new ConcurrentHashMap<>();

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
        byte[] pub = CACHE.computeIfAbsent(group.code(), code -> generate(group));
        return Optional.of(new KeyShareEntry(group, pub));
    }

    private static byte[] generate(NamedGroup group) {
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
    private static byte[] ecPoint(String curve, int fieldBytes) throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec(curve));
        ECPublicKey pub = (ECPublicKey) kpg.generateKeyPair().getPublic();
        byte[] out = new byte[1 + 2 * fieldBytes];
        out[0] = 4;
        putUnsigned(pub.getW().getAffineX(), out, 1, fieldBytes);
        putUnsigned(pub.getW().getAffineY(), out, 1 + fieldBytes, fieldBytes);
        return out;
    }

    /** RFC 7748 encoding: the u coordinate, little-endian. */
    private static byte[] xdh(String name, int size) throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("XDH");
        kpg.initialize(new NamedParameterSpec(name));
        XECPublicKey pub = (XECPublicKey) kpg.generateKeyPair().getPublic();
        byte[] bigEndian = new byte[size];
        putUnsigned(pub.getU(), bigEndian, 0, size);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = bigEndian[size - 1 - i];
        }
        return out;
    }

    private static void putUnsigned(BigInteger v, byte[] out, int off, int len) {
        byte[] b = v.toByteArray();
        int start = Math.max(0, b.length - len);
        int n = b.length - start;
        System.arraycopy(b, start, out, off + len - n, n);
    }
}
