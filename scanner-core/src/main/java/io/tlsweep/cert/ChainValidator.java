package io.tlsweep.cert;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Validates a served chain against trust anchors with the JDK's PKIX {@link CertPathValidator}
 * (revocation checking off: no network). The path is built from the served certificates, not taken in
 * served order: from the leaf, each next certificate is a served one whose subject is the current
 * issuer and whose key verifies the current signature; it stops at a certificate issued by an anchor.
 * Extra, duplicate and misordered certificates are thus tolerated, as clients tolerate them.
 *
 * <p>When no anchor issued the top of that path, the chain is classified without PKIX:
 * a self-signed top is an untrusted root; otherwise its issuer is missing, and that is an
 * {@link ChainValidation.IncompleteChain} when the top names where its issuer is published (AIA
 * caIssuers, which every public CA and AD CS include), else an untrusted unknown issuer (typically an
 * internal CA not given with {@code --ca-file}). Without network access nothing else can tell an
 * intermediate the server forgot from a CA nobody gave us.
 *
 * <p>Validity periods: PKIX runs at {@code now} clamped into the leaf's validity window, so an expired
 * or not-yet-valid leaf is reported once (EXPIRED / NOT_YET_VALID) instead of also as untrusted;
 * an intermediate expired within that window still makes the chain untrusted.
 */
final class ChainValidator {

    private ChainValidator() {
    }

    static ChainValidation validate(X509Certificate leaf, List<X509Certificate> served, TrustAnchors anchors,
                                    Instant now) {
        if (anchors.contains(leaf)) {
            return new ChainValidation.Trusted(subject(leaf) + " (the certificate itself)");
        }
        List<X509Certificate> path = buildPath(leaf, served, anchors);
        X509Certificate top = path.get(path.size() - 1);
        if (anchors.hasSubject(top.getIssuerX500Principal())) {
            return runPkix(path, anchors, clamp(now, leaf));
        }
        if (CertificateReader.selfSigned(top)) {
            return new ChainValidation.Untrusted((top == leaf ? "self-signed certificate " : "root ")
                    + subject(top) + " is not a trust anchor (" + anchors.source() + ")");
        }
        String issuer = top.getIssuerX500Principal().getName(X500Principal.RFC2253);
        List<String> urls = CertificateExtensions.caIssuerUrls(top);
        if (!urls.isEmpty()) {
            return new ChainValidation.IncompleteChain(issuer, urls);
        }
        return new ChainValidation.Untrusted("issuer " + issuer + " was not served and is not a trust anchor ("
                + anchors.source() + ")");
    }

    private static List<X509Certificate> buildPath(X509Certificate leaf, List<X509Certificate> served,
                                                   TrustAnchors anchors) {
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        X509Certificate top = leaf;
        while (!anchors.hasSubject(top.getIssuerX500Principal()) && !CertificateReader.selfSigned(top)) {
            Optional<X509Certificate> issuer = issuerAmong(top, served, path);
            if (issuer.isEmpty()) {
                break;
            }
            top = issuer.get();
            path.add(top);
        }
        return path;
    }

    private static Optional<X509Certificate> issuerAmong(X509Certificate cert, List<X509Certificate> served,
                                                         List<X509Certificate> used) {
        return served.stream()
                .filter(c -> !used.contains(c))
                .filter(c -> c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
                .filter(c -> CertificateReader.signedBy(cert, c))
                .findFirst();
    }

    private static ChainValidation runPkix(List<X509Certificate> path, TrustAnchors anchors, Date at) {
        try {
            PKIXParameters params = new PKIXParameters(anchors.pkixAnchors());
            params.setRevocationEnabled(false);
            params.setDate(at);
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            return new ChainValidation.Trusted(anchor == null ? "?" : subject(anchor));
        } catch (CertPathValidatorException e) {
            int index = e.getIndex();
            String where = index >= 0 && index < path.size()
                    ? (index == 0 ? "leaf " : "certificate " + (index + 1) + " ") + subject(path.get(index)) + ": "
                    : "";
            return new ChainValidation.Untrusted(where + e.getMessage());
        } catch (InvalidAlgorithmParameterException e) {
            return new ChainValidation.NotValidated("no usable trust anchors: " + e.getMessage());
        } catch (NoSuchAlgorithmException | CertificateException e) {
            return new ChainValidation.NotValidated("the JDK cannot validate: " + e.getMessage());
        }
    }

    private static Date clamp(Instant now, X509Certificate leaf) {
        Date at = Date.from(now);
        if (at.before(leaf.getNotBefore())) {
            return leaf.getNotBefore();
        }
        return at.after(leaf.getNotAfter()) ? leaf.getNotAfter() : at;
    }

    private static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }
}
