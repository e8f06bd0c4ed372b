package io.tlsweep.targets.cert;

import java.util.List;
import java.util.Objects;

/**
 * What leaf certificate a target presents. Build one from the named factories and adjust it with
 * the {@code with*} methods, e.g. {@code CertificateSpec.rsa2048().withSubject("<script>", "=X()")}.
 *
 * @param keyType       leaf key algorithm and size
 * @param selfSigned    true: the leaf signs itself; false: the farm's internal CA signs it
 * @param validity      whether the validity window covers now
 * @param sha1Signature sign with SHA-1 instead of SHA-256
 * @param commonName    subject CN (any string)
 * @param organization  subject O (any string, or null for none)
 * @param dnsNames      subjectAltName DNS entries
 * @param includeLoopbackIp whether to add the subjectAltName IP entry 127.0.0.1
 */
public record CertificateSpec(KeyType keyType, boolean selfSigned, Validity validity, boolean sha1Signature,
                              String commonName, String organization, List<String> dnsNames,
                              boolean includeLoopbackIp) {

    /** The validity window of a generated certificate relative to now. */
    public enum Validity {
        /** From one day ago for one year. */
        CURRENT,
        /** Ended 30 days ago. */
        EXPIRED,
        /** Starts in 30 days. */
        NOT_YET_VALID
    }

    public static final String DEFAULT_NAME = "localhost";
    public static final String WRONG_NAME = "wrong-name.tlsweep.invalid";

    public CertificateSpec {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(commonName, "commonName");
        dnsNames = List.copyOf(dnsNames);
    }

    /** RSA-2048 leaf for {@code localhost} / 127.0.0.1 signed by the farm CA with SHA-256. */
    public static CertificateSpec rsa2048() {
        return new CertificateSpec(KeyType.RSA_2048, false, Validity.CURRENT, false, DEFAULT_NAME,
                "tlsweep target farm", List.of(DEFAULT_NAME), true);
    }

    /** ECDSA P-256 leaf, otherwise like {@link #rsa2048()}. */
    public static CertificateSpec ecdsaP256() {
        return rsa2048().withKeyType(KeyType.EC_P256);
    }

    public static CertificateSpec selfSignedRsa() {
        return new CertificateSpec(KeyType.RSA_2048, true, Validity.CURRENT, false, DEFAULT_NAME,
                "tlsweep self-signed", List.of(DEFAULT_NAME), true);
    }

    public static CertificateSpec expired() {
        return rsa2048().withValidity(Validity.EXPIRED);
    }

    public static CertificateSpec notYetValid() {
        return rsa2048().withValidity(Validity.NOT_YET_VALID);
    }

    /** CA-signed, but neither CN nor SAN matches {@code localhost} or 127.0.0.1. */
    public static CertificateSpec wrongName() {
        return new CertificateSpec(KeyType.RSA_2048, false, Validity.CURRENT, false, WRONG_NAME,
                "tlsweep target farm", List.of(WRONG_NAME), false);
    }

    public static CertificateSpec rsa1024() {
        return rsa2048().withKeyType(KeyType.RSA_1024);
    }

    public static CertificateSpec sha1Signed() {
        return new CertificateSpec(KeyType.RSA_2048, false, Validity.CURRENT, true, DEFAULT_NAME,
                "tlsweep target farm", List.of(DEFAULT_NAME), true);
    }

    public CertificateSpec withKeyType(KeyType type) {
        return new CertificateSpec(type, selfSigned, validity, sha1Signature, commonName, organization,
                dnsNames, includeLoopbackIp);
    }

    public CertificateSpec withValidity(Validity v) {
        return new CertificateSpec(keyType, selfSigned, v, sha1Signature, commonName, organization,
                dnsNames, includeLoopbackIp);
    }

    /** Same certificate with arbitrary subject CN and O strings (markup, CSV formulas, ...). */
    public CertificateSpec withSubject(String cn, String o) {
        return new CertificateSpec(keyType, selfSigned, validity, sha1Signature, cn, o, dnsNames,
                includeLoopbackIp);
    }

    public CertificateSpec withDnsNames(List<String> names) {
        return new CertificateSpec(keyType, selfSigned, validity, sha1Signature, commonName, organization,
                names, includeLoopbackIp);
    }
}
