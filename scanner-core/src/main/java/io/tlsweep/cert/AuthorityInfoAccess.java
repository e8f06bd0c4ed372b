package io.tlsweep.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/** Reads the AIA caIssuers URLs of a certificate (where its issuer's certificate is published). */
final class AuthorityInfoAccess {

    private AuthorityInfoAccess() {
    }

    /** The caIssuers URIs, empty when the extension is absent or malformed. */
    static List<String> caIssuerUrls(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return List.of();
        }
        AuthorityInformationAccess aia;
        try {
            aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        for (AccessDescription description : aia.getAccessDescriptions()) {
            GeneralName location = description.getAccessLocation();
            if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                    && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                urls.add(ASN1IA5String.getInstance(location.getName()).getString());
            }
        }
        return urls;
    }
}
