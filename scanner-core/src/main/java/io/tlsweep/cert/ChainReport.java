package io.tlsweep.cert;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything tlsweep says about a served certificate chain. Pure: same bytes, name, time and anchors give
 * the same report; no network (revocation is not checked, missing intermediates are not fetched).
 *
 * @param checkedName the reference name (SNI name, or the target's IP literal), if any
 * @param checkedAt   the time validity was judged at
 * @param chain       facts of every served entry, in served order (leaf first)
 * @param leaf        the leaf's facts, when the chain is not empty and its first entry parses
 * @param daysLeft    whole days until the leaf expires, rounded down; negative once expired
 * @param nameMatch   hostname verification of the leaf
 * @param validation  path validation against the anchors
 * @param anchors     where the anchors came from ({@code JDK default trust store + ca.pem})
 * @param findings    problems in {@link CertificateFinding} order, at most one per finding
 */
public record ChainReport(Optional<String> checkedName, Instant checkedAt, List<ServedCertificate> chain,
                          Optional<CertificateFacts> leaf, OptionalLong daysLeft, NameMatch nameMatch,
                          ChainValidation validation, String anchors, List<CertificateProblem> findings) {

    public ChainReport {
        Objects.requireNonNull(checkedName, "checkedName");
        Objects.requireNonNull(checkedAt, "checkedAt");
        chain = List.copyOf(chain);
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(daysLeft, "daysLeft");
        Objects.requireNonNull(nameMatch, "nameMatch");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(anchors, "anchors");
        findings = List.copyOf(findings);
    }

    /**
     * Analyses a chain as served.
     *
     * @param served DER certificates, leaf first (e.g. {@code TargetResult.certificateChain()})
     * @param name   the SNI name sent; for a target given as an IP literal without SNI, that literal
     * @param now    the time to judge validity at
     * @param policy trust anchors and expiry threshold
     */
    public static ChainReport of(List<byte[]> served, Optional<String> name, Instant now, ChainPolicy policy) {
        List<ServedCertificate> chain = new ArrayList<>(served.size());
        List<X509Certificate> parsed = new ArrayList<>(served.size());
        Optional<X509Certificate> leafCertificate = Optional.empty();
        for (byte[] der : served) {
            CertificateReader.Reading reading = CertificateReader.readWithCertificate(der);
            chain.add(reading.facts());
            reading.certificate().ifPresent(parsed::add);
            if (chain.size() == 1) {
                leafCertificate = reading.certificate();
            }
        }
        Optional<CertificateFacts> leaf = leafCertificate.map(c -> (CertificateFacts) chain.get(0));
        NameMatch nameMatch;
        ChainValidation validation;
        if (leafCertificate.isPresent()) {
            nameMatch = HostnameMatcher.match(leaf.orElseThrow(), name);
            validation = ChainValidator.validate(leafCertificate.get(), parsed, policy.anchors(), now);
        } else {
            String why = chain.isEmpty() ? "no certificate served" : "the leaf certificate is not parseable";
            nameMatch = NameMatch.notChecked(why);
            validation = new ChainValidation.NotValidated(why);
        }
        OptionalLong daysLeft = leaf.map(l -> OptionalLong.of(ChainFindings.daysLeft(l, now)))
                .orElse(OptionalLong.empty());
        List<CertificateProblem> findings = ChainFindings.of(chain, nameMatch, validation, now,
                policy.expiringSoonDays());
        return new ChainReport(name, now, chain, leaf, daysLeft, nameMatch, validation, policy.anchors().source(),
                findings);
    }

    /** Whether the report carries this finding. */
    public boolean has(CertificateFinding finding) {
        return findings.stream().anyMatch(p -> p.finding() == finding);
    }

    /** The findings alone, in order. */
    public List<CertificateFinding> findingKinds() {
        return findings.stream().map(CertificateProblem::finding).toList();
    }
}
