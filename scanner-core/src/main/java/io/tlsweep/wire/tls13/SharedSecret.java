package io.tlsweep.wire.tls13;

import io.tlsweep.wire.HybridKeyShares;
import io.tlsweep.wire.NamedGroup;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/**
 * The (EC)DHE shared secret of a TLS 1.3 key share (RFC 8446 §7.4): X25519 and X448 (RFC 7748, the u
 * coordinate little-endian), and the NIST curves (uncompressed point in, the X coordinate out, padded to the
 * field size); and the hybrid X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem: the ML-KEM-768 shared secret, then the
 * X25519 one; {@link HybridKeyShares.Hybrid}). Pure; a share that is not a valid public value gives an empty
 * answer, never an exception.
 */
final class SharedSecret {
    private SharedSecret() {
    }

    /** Whether this class computes secrets for {@code group}. */
    static boolean supports(NamedGroup group) {
        return fieldBytes(group) > 0 || HybridKeyShares.readable(group);
    }

    /**
     * The shared secret of {@code mine} (the client's private key for {@code group}) and the server's
     * {@code share}; empty when the share is not a valid public value of the group (wrong size, not on the curve,
     * a low-order point) or the group is not one this class knows.
     */
    static Optional<byte[]> of(NamedGroup group, PrivateKey mine, byte[] share) {
        if (HybridKeyShares.readable(group)) {
            return mine instanceof HybridKeyShares.Hybrid h
                    ? h.sharedSecret(share, classic -> of(h.classicGroup(), h.classicKey(), classic)) : Optional.empty();
        }
        int size = fieldBytes(group);
        if (size == 0) {
            return Optional.empty();
        }
        try {
            boolean xdh = group.code() == 29 || group.code() == 30;
            PublicKey theirs;
            if (xdh) {
                if (share.length != size) {
                    return Optional.empty();
                }
                byte[] bigEndian = new byte[size];
                for (int i = 0; i < size; i++) {
                    bigEndian[i] = share[size - 1 - i];
                }
                if (group.code() == 29) {
                    bigEndian[0] &= 0x7F; // RFC 7748 §5: the top bit of an X25519 u is ignored
                }
                theirs = KeyFactory.getInstance("XDH").generatePublic(new XECPublicKeySpec(
                        new NamedParameterSpec(group.code() == 29 ? "X25519" : "X448"), new BigInteger(1, bigEndian)));
            } else {
                if (share.length != 1 + 2 * size || share[0] != 4 || !(mine instanceof ECPrivateKey ec)) {
                    return Optional.empty();
                }
                BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(share, 1, 1 + size));
                BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(share, 1 + size, share.length));
                theirs = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y),
                        ec.getParams()));
            }
            KeyAgreement ka = KeyAgreement.getInstance(xdh ? "XDH" : "ECDH");
            ka.init(mine);
            ka.doPhase(theirs, true);
            byte[] secret = ka.generateSecret();
            return secret.length == size ? Optional.of(secret) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty(); // a point off the curve, a low-order point: the JDK refuses it
        }
    }

    /** The size of the secret (and of a coordinate) in bytes, 0 for a group this class does not know. */
    private static int fieldBytes(NamedGroup group) {
        return switch (group.code()) {
            case 23, 29 -> 32;
            case 24 -> 48;
            case 25 -> 66;
            case 30 -> 56;
            default -> 0;
        };
    }
}
