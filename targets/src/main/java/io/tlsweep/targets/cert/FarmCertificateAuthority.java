package io.tlsweep.targets.cert;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The farm's internal test CA (RSA-2048, SHA-256, ten years) and the leaf certificates it issues.
 * A new CA certificate is made per farm; key pairs come from a {@link KeyPairCache}. Bouncy Castle
 * is used only as a library here (no provider is registered globally).
 */
public final class FarmCertificateAuthority {

    private static final String CA_SUBJECT = "tlsweep target farm test CA";

    private final KeyPairCache keys;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

    public FarmCertificateAuthority(KeyPairCache keys) {
        this.keys = keys;
        this.caKeys = keys.get(KeyType.RSA_2048, "ca");
        Instant now = Instant.now();
        X500Name name = name(CA_SUBJECT, "tlsweep");
        this.caCertificate = sign(new JcaX509v3CertificateBuilder(name, nextSerial(), date(now.minus(Duration.ofDays(1))),
                date(now.plus(Duration.ofDays(3650))), name, caKeys.getPublic()), caKeys.getPublic(), null,
                true, caKeys.getPrivate(), "SHA256withRSA", List.of(), false);
    }

    /** The CA certificate that signs all non-self-signed leaves of this farm. */
    public X509Certificate certificate() {
        return caCertificate;
    }

    /** The CA certificate as PEM, for a scanner's {@code --ca-file}. */
    public String certificatePem() {
        try {
            Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
            return "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(caCertificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode CA certificate", e);
        }
    }

    /** Issues a leaf certificate as described. */
    public CertifiedKey issue(CertificateSpec spec) {
        KeyPair leafKeys = keys.get(spec.keyType(), spec.selfSigned() ? "self" : "leaf");
        Instant now = Instant.now();
        Instant from = switch (spec.validity()) {
            case CURRENT -> now.minus(Duration.ofDays(1));
            case EXPIRED -> now.minus(Duration.ofDays(400));
            case NOT_YET_VALID -> now.plus(Duration.ofDays(30));
        };
        Instant to = spec.validity() == CertificateSpec.Validity.EXPIRED ? now.minus(Duration.ofDays(30))
                : from.plus(Duration.ofDays(365));
        X500Name subject = name(spec.commonName(), spec.organization());
        X500Name issuer = spec.selfSigned() ? subject : X500Name.getInstance(
                caCertificate.getSubjectX500Principal().getEncoded());
        PrivateKey signer = spec.selfSigned() ? leafKeys.getPrivate() : caKeys.getPrivate();
        String signerAlg = signer.getAlgorithm().equals("EC") ? "ECDSA" : "RSA";
        String sigAlg = (spec.sha1Signature() ? "SHA1with" : "SHA256with") + signerAlg;
        X509Certificate leaf = sign(new JcaX509v3CertificateBuilder(issuer, nextSerial(), date(from), date(to),
                subject, leafKeys.getPublic()), leafKeys.getPublic(), spec.selfSigned() ? null : caKeys.getPublic(),
                false, signer, sigAlg, generalNames(spec), !spec.keyType().isEc());
        return new CertifiedKey(leafKeys.getPrivate(), List.of(leaf));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PublicKey subjectKey, PublicKey issuerKey,
                                        boolean ca, PrivateKey signer, String sigAlg, List<GeneralName> sans,
                                        boolean keyEncipherment) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            if (issuerKey != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerKey));
            }
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                int usage = KeyUsage.digitalSignature | (keyEncipherment ? KeyUsage.keyEncipherment : 0);
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                if (!sans.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)));
                }
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(sigAlg).build(signer)));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build certificate with " + sigAlg, e);
        }
    }

    private static List<GeneralName> generalNames(CertificateSpec spec) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : spec.dnsNames()) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        if (spec.includeLoopbackIp()) {
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        }
        return names;
    }

    private static X500Name name(String cn, String o) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn);
        if (o != null) {
            builder.addRDN(BCStyle.O, o);
        }
        return builder.build();
    }

    private BigInteger nextSerial() {
        return BigInteger.valueOf(serials.incrementAndGet());
    }

    private static Date date(Instant instant) {
        return new Date(instant.toEpochMilli());
    }
}
