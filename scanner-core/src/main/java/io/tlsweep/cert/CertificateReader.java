package io.tlsweep.cert;

import java.io.ByteArrayInputStream;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** Reads served DER bytes into {@link CertificateFacts}, or an {@link UnparseableCertificate} saying why not. */
public final class CertificateReader {

    private static final int DNS_NAME = 2;

    private CertificateReader() {
    }

    /** A served entry's facts with the parsed certificate, when it parsed. */
    record Reading(ServedCertificate facts, Optional<X509Certificate> certificate) {
    }

    /** The facts of one served certificate; never throws for bad bytes. */
    public static ServedCertificate read(byte[] der) {
        return readWithCertificate(der).facts();
    }

    static Reading readWithCertificate(byte[] der) {
        try {
            X509Certificate cert = parse(der);
            return new Reading(facts(cert, der), Optional.of(cert));
        } catch (CertificateException e) {
            return new Reading(new UnparseableCertificate(der.length, sha256(der), String.valueOf(e.getMessage())),
                    Optional.empty());
        }
    }

    /**
     * Parses exactly one DER certificate (trailing bytes are refused). The JDK's parser throws unchecked
     * exceptions for some malformed certificates a server can send (JDK 17: an Ed25519 key of no bytes is an
     * {@code ArrayIndexOutOfBoundsException}); what it throws is a {@link CertificateException} here.
     */
    public static X509Certificate parse(byte[] der) throws CertificateException {
        ByteArrayInputStream in = new ByteArrayInputStream(der);
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (RuntimeException e) {
            throw new CertificateParsingException("the JDK's parser failed: " + e, e);
        }
        if (in.available() > 0) {
            throw new CertificateParsingException(in.available() + " bytes after the certificate");
        }
        return cert;
    }

    static CertificateFacts facts(X509Certificate cert, byte[] der) throws CertificateParsingException {
        List<String> dns = new ArrayList<>();
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
            if ((Integer) san.get(0) == DNS_NAME) {
                dns.add((String) san.get(1));
            }
        }
        List<String> ips = CertificateExtensions.ipAddresses(cert);
        return new CertificateFacts(cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                commonName(cert.getSubjectX500Principal()),
                cert.getIssuerX500Principal().getName(X500Principal.RFC2253),
                cert.getSerialNumber().toString(16), dns, ips, KeyFacts.of(cert.getPublicKey()),
                SignatureFacts.of(cert.getSigAlgName()), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), sha256(der), selfSigned(cert), cert.getBasicConstraints() >= 0);
    }

    /** Subject equals issuer and the certificate's own key verifies its signature. */
    static boolean selfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, cert);
    }

    /**
     * Whether {@code issuer}'s key verifies {@code cert}'s signature. A key or signature a server made up can
     * make the JDK's verifier throw an unchecked exception (DSA parameters whose value is not invertible:
     * ArithmeticException); that is "not signed by" too.
     */
    static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (CertificateException | NoSuchAlgorithmException | InvalidKeyException | NoSuchProviderException
                 | SignatureException | RuntimeException e) {
            return false;
        }
    }

    /** The most specific CN: RFC 2253 lists RDNs most specific first. */
    private static Optional<String> commonName(X500Principal subject) {
        try {
            List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdns.get(i).getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
