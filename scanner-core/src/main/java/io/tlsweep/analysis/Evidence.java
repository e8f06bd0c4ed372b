package io.tlsweep.analysis;

import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.ChainReport;
import io.tlsweep.check.Checks;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.TargetResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every fact about one endpoint once all are in: the result (the scan, the profile hellos and the checks' parts),
 * the certificate check, the real-stack confirmations and what the client profiles make of it all. The findings,
 * the verdict and its reason are drawn from it ({@link Readiness#assess(Evidence)}); the result line renders it.
 *
 * @param certificate the served chain checked (from the scan's first flight, TLS 1.3's read with its own key share;
 *     the real handshake's when no flight showed one)
 * @param confirmation the real-stack handshake at the best version, when one was made
 * @param perVersion one real-stack handshake per accepted version, oldest first, when each was confirmed
 * @param checks the checks that ran: the rules and JSON of the parts in the result
 */
public record Evidence(TargetResult result, Optional<ChainReport> certificate, Optional<Confirmation> confirmation,
        List<Confirmation> perVersion, ClientImpact impact, Checks checks) {

    public Evidence {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(confirmation, "confirmation");
        perVersion = List.copyOf(perVersion);
        Objects.requireNonNull(impact, "impact");
        Objects.requireNonNull(checks, "checks");
    }

    /** The scan's result alone (no certificate check, no confirmation, no profiles). */
    public static Evidence of(TargetResult r) {
        return of(r, ClientImpact.none());
    }

    /** The scan's result and what it means for the client profiles. */
    public static Evidence of(TargetResult r, ClientImpact impact) {
        return new Evidence(r, Optional.empty(), Optional.empty(), List.of(), impact, Checks.BUILT_IN);
    }

    /**
     * Everything, once the real-stack handshakes are back: the chain served is checked as of {@code now} (the
     * scan's, or when no flight of the scan showed one, the one the best version's handshake saw).
     *
     * @param confirmations the real-stack handshakes, oldest version first, the best version's last
     * @param eachVersion whether every accepted version was confirmed (else only the best's is reported)
     */
    public static Evidence of(TargetResult r, List<Confirmation> confirmations, boolean eachVersion,
            ChainPolicy policy, Instant now, ClientImpact impact, Checks checks) {
        Optional<Confirmation> best = confirmations.isEmpty() ? Optional.empty()
                : Optional.ofNullable(confirmations.get(confirmations.size() - 1));
        List<byte[]> chain = !r.certificateChain().isEmpty() ? r.certificateChain()
                : best.map(Confirmation::chain).orElse(List.of());
        return new Evidence(r, CertificateCheck.of(r, chain, policy, now), best,
                eachVersion ? confirmations : List.of(), impact, checks);
    }
}
