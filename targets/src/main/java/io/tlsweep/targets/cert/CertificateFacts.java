package io.tlsweep.targets.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * What a scanner should find in a target's leaf certificate, read from the certificate itself.
 *
 * @param subject            RFC 2253 subject, e.g. {@code CN=localhost,O=tlsweep target farm}
 * @param issuer             RFC 2253 issuer
 * @param subjectAltNames    {@code DNS:name} and {@code IP:address} entries in certificate order
 * @param keyAlgorithm       {@code RSA} or {@code EC}
 * @param keyBits            RSA modulus size or EC field size
 * @param signatureAlgorithm JCA name, e.g. {@code SHA256withRSA}
 * @param notBefore          start of validity
 * @param notAfter           end of validity
 * @param selfSigned         whether subject equals issuer
 * @param sha256Fingerprint  lower-case hex SHA-256 of the DER encoding
 */
public record CertificateFacts(String subject, String issuer, List<String> subjectAltNames, String keyAlgorithm,
                               int keyBits, String signatureAlgorithm, Instant notBefore, Instant notAfter,
                               boolean selfSigned, String sha256Fingerprint) {

    public CertificateFacts {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /** Reads the facts from a certificate. */
    public static CertificateFacts of(X509Certificate cert) {
        String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String issuer = cert.getIssuerX500Principal().getName(X500Principal.RFC2253);
        PublicKey key = cert.getPublicKey();
        return new CertificateFacts(subject, issuer, altNames(cert), key.getAlgorithm(), keyBits(key),
                cert.getSigAlgName(), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                subject.equals(issuer), fingerprint(cert));
    }

    /** One-line summary for listings. */
    public String summary() {
        return keyAlgorithm + "-" + keyBits + " " + signatureAlgorithm + " \"" + subject + "\" SAN" + subjectAltNames
                + " notAfter=" + notAfter + (selfSigned ? " self-signed" : "");
    }

    private static List<String> altNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = cert.getSubjectAlternativeNames();
            if (entries == null) {
                return names;
            }
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == 2) {
                    names.add("DNS:" + entry.get(1));
                } else if (type == 7) {
                    names.add("IP:" + entry.get(1));
                }
            }
            return names;
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName", e);
        }
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return -1;
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }
}
