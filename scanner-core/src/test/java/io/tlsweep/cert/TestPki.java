package io.tlsweep.cert;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the farm CA cannot make: a root, intermediates, AIA, MD5, DSA, Ed25519, arbitrary SANs.
 * Names are RFC 2253 strings (most specific first). Valid from a day ago for a year.
 */
final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    /** A certificate with the key that goes with it, to sign further certificates. */
    record Issued(X509Certificate certificate, KeyPair keys) {
        byte[] der() throws GeneralSecurityException {
            return certificate.getEncoded();
        }
    }

    private TestPki() {
    }

    static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static KeyPair generate(String algorithm, int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
            generator.initialize(bits);
        }
        return generator.generateKeyPair();
    }

    /** A self-signed CA. */
    static Issued root(String dn, KeyPair keys) throws Exception {
        String sigAlg = keys.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return build(dn, keys, null, true, sigAlg, List.of(), List.of());
    }

    /** A CA certificate signed by {@code issuer}. */
    static Issued intermediate(String dn, KeyPair keys, Issued issuer, String sigAlg) throws Exception {
        return build(dn, keys, issuer, true, sigAlg, List.of(), List.of());
    }

    /** An end-entity certificate; {@code issuer} null makes it self-signed. */
    static Issued leaf(String dn, KeyPair keys, Issued issuer, String sigAlg, List<GeneralName> sans,
                       List<String> caIssuerUrls) throws Exception {
        return build(dn, keys, issuer, false, sigAlg, sans, caIssuerUrls);
    }

    static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    static GeneralName ip(String address) {
        return new GeneralName(GeneralName.iPAddress, address);
    }

    private static Issued build(String dn, KeyPair keys, Issued issuer, boolean ca, String sigAlg,
                                List<GeneralName> sans, List<String> caIssuerUrls) throws Exception {
        Instant now = Instant.now();
        X500Name subject = X500Name.getInstance(new X500Principal(dn).getEncoded());
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (!sans.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(sans.toArray(GeneralName[]::new)));
        }
        if (!caIssuerUrls.isEmpty()) {
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    caIssuerUrls.stream().map(u -> new AccessDescription(AccessDescription.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier, u)))
                    .toArray(AccessDescription[]::new)));
        }
        KeyPair signer = issuer == null ? keys : issuer.keys();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(sigAlg).build(signer.getPrivate())));
        return new Issued(cert, keys);
    }
}
