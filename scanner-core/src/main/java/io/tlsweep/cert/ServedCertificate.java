package io.tlsweep.cert;

/**
 * One entry of a chain as the server sent it: either its {@link CertificateFacts} or, when the bytes do
 * not parse as an X.509 certificate, an {@link UnparseableCertificate}.
 */
public sealed interface ServedCertificate permits CertificateFacts, UnparseableCertificate {

    /** Lower-case hex SHA-256 of the bytes as served. */
    String sha256Fingerprint();
}
