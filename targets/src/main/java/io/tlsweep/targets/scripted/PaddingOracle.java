package io.tlsweep.targets.scripted;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Optional;

/**
 * The RSA padding oracle of {@link io.tlsweep.targets.ScriptedFlaw#RSA_PADDING_ORACLE}: decrypts a ClientKeyExchange
 * with the server's key (raw {@code c^d mod n}) and says whether the block is well formed as RFC 5246 §7.4.7.1 wants
 * it: 0x00 0x02, at least eight non-zero padding bytes, a 0x00, and 48 bytes of premaster secret (the version in it is
 * not looked at, as many stacks did not). Pure.
 */
public final class PaddingOracle {
    private static final int CLIENT_KEY_EXCHANGE = 16;
    private static final int PREMASTER_SECRET = 48;
    private static final int MIN_PADDING = 8;

    private final RSAPrivateKey key;

    private PaddingOracle(RSAPrivateKey key) {
        this.key = key;
    }

    /** The oracle of {@code key}, if it is an RSA key. */
    public static Optional<PaddingOracle> of(PrivateKey key) {
        return key instanceof RSAPrivateKey rsa ? Optional.of(new PaddingOracle(rsa)) : Optional.empty();
    }

    /**
     * Whether {@code fragment}, a handshake record's fragment, is a ClientKeyExchange whose encrypted premaster
     * secret decrypts to a well-formed block; false for anything else.
     */
    public boolean wellFormed(byte[] fragment) {
        if (fragment.length < 6 || (fragment[0] & 0xFF) != CLIENT_KEY_EXCHANGE) {
            return false;
        }
        int length = (fragment[4] & 0xFF) << 8 | (fragment[5] & 0xFF);
        if (6 + length != fragment.length) {
            return false;
        }
        BigInteger n = key.getModulus();
        int k = (n.bitLength() + 7) / 8;
        BigInteger c = new BigInteger(1, java.util.Arrays.copyOfRange(fragment, 6, fragment.length));
        if (length != k || c.compareTo(n) >= 0) {
            return false;
        }
        byte[] raw = c.modPow(key.getPrivateExponent(), n).toByteArray();
        byte[] block = new byte[k];
        int copy = Math.min(raw.length, k);
        System.arraycopy(raw, raw.length - copy, block, k - copy, copy);
        if (block[0] != 0 || block[1] != 2) {
            return false;
        }
        int separator = 2;
        while (separator < k && block[separator] != 0) {
            separator++;
        }
        return separator - 2 >= MIN_PADDING && k - separator - 1 == PREMASTER_SECRET;
    }
}
