package io.tlsweep.run;

import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.CertificateCheck;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.report.ResultJson;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a scanned target becomes once its confirmations are in: its assessment (the verdict the fail-on
 * conditions look at) and its results.jsonl line, with the client profiles' predictions and the certificate
 * checked as of now.
 */
record ResultLine(Assessment assessment, ResultJson json) {

    /** @param confirmations the target's real-stack confirmations, oldest version first, best last */
    static ResultLine of(TargetResult r, List<Confirmation> confirmations, RunConfig config) {
        ClientImpact impact = impact(r, config.options(), config.clients());
        Assessment a = Readiness.assess(r, impact);
        Optional<Confirmation> best = confirmations.isEmpty() ? Optional.empty()
                : Optional.ofNullable(confirmations.get(confirmations.size() - 1));
        return new ResultLine(a, line(r, a, best, config.confirmEachVersion() ? confirmations : List.of(),
                config.certificates(), impact));
    }

    /**
     * The profiles against this endpoint: predicted and confirmed after a full scan; only what their hellos got
     * when the scan did not enumerate suites.
     */
    private static ClientImpact impact(TargetResult r, ScanOptions options, ProfileSettings clients) {
        if (clients.profiles().isEmpty() || (r.protocols().isEmpty() && r.profileHellos().isEmpty())) {
            // nothing answered a hello (closed, silent, not TLS): every client fails alike, the failure says how
            return ClientImpact.none();
        }
        if (r.status() == ScanStatus.INCONSISTENT) {
            return ClientImpact.observedOnly(r, clients.profiles(), "the endpoint's answers contradict each other:"
                    + " nothing is predicted from them");
        }
        if (clients.profilesOnly()) {
            return ClientImpact.observedOnly(r, clients.profiles(), "profiles-only: nothing was enumerated to"
                    + " predict from");
        }
        if (!options.enumerateSuites()) {
            return ClientImpact.observedOnly(r, clients.profiles(), "versions-only: suites were not enumerated");
        }
        return ClientImpact.of(r, clients.profiles(), clients.assumption());
    }

    private static ResultJson line(TargetResult r, Assessment a, Optional<Confirmation> confirmation,
            List<Confirmation> perVersion, ChainPolicy certificates, ClientImpact impact) {
        List<byte[]> chain = !r.certificateChain().isEmpty() ? r.certificateChain()
                : confirmation.map(Confirmation::chain).orElse(List.of());
        return ResultJson.of(r, a, CertificateCheck.of(r, chain, certificates, Instant.now()), confirmation,
                perVersion, impact);
    }
}
