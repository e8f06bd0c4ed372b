package io.tlsweep.cert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one served certificate says about itself. Strings are kept verbatim (a hostile subject such as
 * {@code <script>} stays as it is): escaping for HTML, CSV or a terminal is the reports' job.
 *
 * @param subject              subject DN in RFC 2253 form ({@code CN=localhost,O=tlsweep target farm});
 *                             characters special to DN syntax are backslash-escaped as RFC 2253 demands,
 *                             so the string cannot pretend to hold attributes it does not have
 * @param subjectCommonName    the most specific subject CN, decoded and unescaped, if there is one
 * @param issuer               issuer DN in RFC 2253 form
 * @param serialHex            serial number, lower-case hex without leading zeros
 * @param dnsNames             subjectAltName dNSName entries in certificate order
 * @param ipAddresses          subjectAltName iPAddress entries in canonical text (RFC 5952 for IPv6)
 * @param key                  public key algorithm and size
 * @param signature            signature algorithm and whether its hash is SHA-1 or MD5
 * @param notBefore            start of validity
 * @param notAfter             end of validity (inclusive)
 * @param sha256Fingerprint    lower-case hex SHA-256 of the DER bytes as served
 * @param selfSigned           subject equals issuer and the signature verifies with the certificate's own key
 * @param certificateAuthority basic constraints say CA
 */
public record CertificateFacts(String subject, Optional<String> subjectCommonName, String issuer, String serialHex,
                               List<String> dnsNames, List<String> ipAddresses, KeyFacts key,
                               SignatureFacts signature, Instant notBefore, Instant notAfter,
                               String sha256Fingerprint, boolean selfSigned, boolean certificateAuthority)
        implements ServedCertificate {

    public CertificateFacts {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(subjectCommonName, "subjectCommonName");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serialHex, "serialHex");
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
    }

    /** The subjectAltNames as {@code DNS:name} then {@code IP:address}, for messages. */
    public List<String> subjectAltNames() {
        List<String> names = new ArrayList<>(dnsNames.size() + ipAddresses.size());
        dnsNames.forEach(n -> names.add("DNS:" + n));
        ipAddresses.forEach(a -> names.add("IP:" + a));
        return names;
    }
}
