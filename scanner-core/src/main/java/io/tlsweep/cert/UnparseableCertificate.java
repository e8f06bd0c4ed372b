package io.tlsweep.cert;

import java.util.Objects;

/**
 * A chain entry that is not an X.509 certificate the JDK can read.
 *
 * @param length            bytes served
 * @param sha256Fingerprint lower-case hex SHA-256 of those bytes
 * @param reason            the parser's message, e.g. {@code Could not parse certificate: ...}
 */
public record UnparseableCertificate(int length, String sha256Fingerprint, String reason)
        implements ServedCertificate {

    public UnparseableCertificate {
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(reason, "reason");
    }
}
