package io.tlsweep.cert;

import java.util.Locale;
import java.util.Objects;

/**
 * How a certificate is signed.
 *
 * @param algorithm JCA name from the certificate ({@code SHA256withRSA}, {@code SHA1withECDSA},
 *                  {@code RSASSA-PSS}, {@code Ed25519}, or the OID when the JDK has no name)
 * @param sha1      whether the signature hashes with SHA-1
 * @param md5       whether it hashes with MD5 (or the older MD2)
 */
public record SignatureFacts(String algorithm, boolean sha1, boolean md5) {

    public SignatureFacts {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** Classifies a JCA signature algorithm name. */
    public static SignatureFacts of(String algorithm) {
        String upper = algorithm.toUpperCase(Locale.ROOT);
        boolean sha1 = upper.startsWith("SHA1WITH") || upper.startsWith("SHA-1WITH") || upper.equals("SHA1");
        boolean md5 = upper.startsWith("MD5WITH") || upper.startsWith("MD2WITH");
        return new SignatureFacts(algorithm, sha1, md5);
    }

    /** Whether the hash is broken for signatures (SHA-1 or MD5). */
    public boolean weakHash() {
        return sha1 || md5;
    }
}
