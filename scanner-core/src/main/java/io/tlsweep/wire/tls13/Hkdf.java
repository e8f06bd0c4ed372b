package io.tlsweep.wire.tls13;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.3 key schedule's functions over one hash (RFC 8446 §7.1, RFC 5869): HKDF-Extract,
 * HKDF-Expand-Label and Derive-Secret. Pure; the JDK's HMAC and digests are always present, so a missing
 * algorithm is a broken JDK and surfaces as {@link IllegalStateException}.
 *
 * @param digest the JCA digest name ("SHA-256", "SHA-384")
 * @param hmac the JCA HMAC name ("HmacSHA256", "HmacSHA384")
 * @param length the hash length in bytes
 */
record Hkdf(String digest, String hmac, int length) {
    static final Hkdf SHA256 = new Hkdf("SHA-256", "HmacSHA256", 32);
    static final Hkdf SHA384 = new Hkdf("SHA-384", "HmacSHA384", 48);

    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    /** HKDF-Extract(salt, ikm); an empty salt stands for a string of {@link #length} zeros. */
    byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt.length == 0 ? new byte[length] : salt, ikm);
    }

    /** HKDF-Expand-Label(secret, label, context, length) with the "tls13 " prefix. */
    byte[] expandLabel(byte[] secret, String label, byte[] context, int outLength) {
        byte[] name = label.getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + LABEL_PREFIX.length + name.length + 1 + context.length];
        int p = 0;
        info[p++] = (byte) (outLength >>> 8);
        info[p++] = (byte) outLength;
        info[p++] = (byte) (LABEL_PREFIX.length + name.length);
        System.arraycopy(LABEL_PREFIX, 0, info, p, LABEL_PREFIX.length);
        p += LABEL_PREFIX.length;
        System.arraycopy(name, 0, info, p, name.length);
        p += name.length;
        info[p++] = (byte) context.length;
        System.arraycopy(context, 0, info, p, context.length);
        return expand(secret, info, outLength);
    }

    /** Derive-Secret(secret, label, messages), given the transcript hash of the messages. */
    byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, length);
    }

    /** The hash of {@code bytes}. */
    byte[] hash(byte[] bytes) {
        try {
            return MessageDigest.getInstance(digest).digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + digest, e);
        }
    }

    /** HMAC of {@code data} under {@code key}. */
    byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + hmac, e);
        }
    }

    private byte[] expand(byte[] prk, byte[] info, int outLength) {
        byte[] out = new byte[outLength];
        byte[] block = new byte[0];
        int done = 0;
        for (int i = 1; done < outLength; i++) {
            byte[] input = Arrays.copyOf(block, block.length + info.length + 1);
            System.arraycopy(info, 0, input, block.length, info.length);
            input[input.length - 1] = (byte) i;
            block = hmac(prk, input);
            int n = Math.min(block.length, outLength - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }
}
