package io.tlsweep.cert;

import io.tlsweep.text.IpLiteral;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Extensions read with Bouncy Castle where the JDK's view loses something: iPAddress SANs as the bytes
 * in the certificate (the JDK shows an IPv4-mapped IPv6 address as plain IPv4), AIA caIssuers (no JDK API).
 * A malformed extension reads as absent (Bouncy Castle reports malformed ASN.1 with
 * {@code IllegalArgumentException} or {@code IllegalStateException}); the JDK accepted the certificate.
 */
final class CertificateExtensions {

    private CertificateExtensions() {
    }

    /**
     * iPAddress subjectAltNames in canonical text, certificate order; an entry that is not 4 or 16 bytes (RFC 5280
     * allows no other length outside name constraints) as {@code ?N-byte address}, which matches no name.
     */
    static List<String> ipAddresses(X509Certificate cert) {
        List<String> addresses = new ArrayList<>();
        Optional<ASN1Primitive> value = extension(cert, Extension.subjectAlternativeName);
        if (value.isEmpty()) {
            return addresses;
        }
        try {
            for (GeneralName name : GeneralNames.getInstance(value.get()).getNames()) {
                if (name.getTagNo() == GeneralName.iPAddress) {
                    byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                    addresses.add(octets.length == 4 || octets.length == 16 ? IpLiteral.format(octets)
                            : "?" + octets.length + "-byte address");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return List.of();
        }
        return addresses;
    }

    /** The caIssuers URIs of the AIA extension (where the issuer's certificate is published). */
    static List<String> caIssuerUrls(X509Certificate cert) {
        List<String> urls = new ArrayList<>();
        Optional<ASN1Primitive> value = extension(cert, Extension.authorityInfoAccess);
        if (value.isEmpty()) {
            return urls;
        }
        try {
            for (AccessDescription description : AuthorityInformationAccess.getInstance(value.get())
                    .getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    urls.add(ASN1IA5String.getInstance(location.getName()).getString());
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return List.of();
        }
        return urls;
    }

    private static Optional<ASN1Primitive> extension(X509Certificate cert, ASN1ObjectIdentifier oid) {
        byte[] wrapped = cert.getExtensionValue(oid.getId());
        if (wrapped == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets()));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
