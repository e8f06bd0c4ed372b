package io.tlsweep.report;

import io.tlsweep.cert.CertificateReader;
import io.tlsweep.report.ResultJson.CertificateJson;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The served leaf certificate as a report shows it: subject and expiry, read from the DER in a result line.
 * Every string here came from the server and must be escaped wherever it is shown.
 */
public record LeafCertificate(String subject, String commonName, String organization, String notAfter) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** The leaf (first) certificate of the chain, if there is one that parses. */
    public static Optional<LeafCertificate> of(List<CertificateJson> chain) {
        if (chain == null || chain.isEmpty() || chain.get(0).der() == null) {
            return Optional.empty();
        }
        try {
            X509Certificate cert = CertificateReader.parse(Base64.getDecoder().decode(chain.get(0).der()));
            String subject = cert.getSubjectX500Principal().getName();
            return Optional.of(new LeafCertificate(subject, attribute(subject, "CN"), attribute(subject, "O"),
                    DAY.format(cert.getNotAfter().toInstant())));
        } catch (IllegalArgumentException | CertificateException | InvalidNameException e) {
            return Optional.empty(); // not base64, or not a certificate: the report shows none
        }
    }

    /** The (unescaped) value of the first RDN of this type, or "". */
    private static String attribute(String rfc2253, String type) throws InvalidNameException {
        for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
            if (rdn.getType().equalsIgnoreCase(type)) {
                return String.valueOf(rdn.getValue());
            }
        }
        return "";
    }
}
