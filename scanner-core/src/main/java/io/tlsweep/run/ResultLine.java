package io.tlsweep.run;

import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Evidence;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.check.Checks;
import io.tlsweep.policy.PolicyCheck;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.report.PolicyJson;
import io.tlsweep.report.ResultJson;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a scanned target becomes once its confirmations are in: its assessment (the verdict the fail-on
 * conditions look at) and its results.jsonl line, with the client profiles' predictions, the certificate
 * checked as of now and the run's policies' judgements.
 */
record ResultLine(Assessment assessment, ResultJson json) {

    /**
     * @param confirmations the target's real-stack confirmations, oldest version first, best last
     * @param checks the checks the scan ran (their parts and finding rules)
     */
    static ResultLine of(TargetResult scanned, List<Confirmation> confirmations, RunConfig config, Checks checks) {
        TargetResult r = withAskedPrelude(scanned, confirmations);
        Evidence e = Evidence.of(r, confirmations, config.confirmEachVersion(), config.certificates(),
                Instant.now(), impact(r, config.options(), config.clients()), checks);
        Assessment a = Readiness.assess(e);
        List<PolicyJson> policies = PolicyCheck.evaluate(r, config.policies()).stream().map(PolicyJson::of).toList();
        return new ResultLine(a, ResultJson.of(e, a).withPolicies(policies));
    }

    /**
     * The result with what the real-stack handshake's prelude learned when it asked about authentication (the root
     * DSE before LDAP's StartTLS, the mechanisms offered over TLS) as the endpoint's prelude facts: the same prelude
     * and its extra answers, so a superset of what the scan's connections learned; unchanged when that handshake
     * learned nothing or spoke another protocol.
     */
    static TargetResult withAskedPrelude(TargetResult r, List<Confirmation> confirmations) {
        Optional<PreludeFacts> asked = confirmations.stream().map(Confirmation::prelude).flatMap(Optional::stream)
                .filter(f -> r.target().prelude().equals(Optional.of(f.protocol()))).findFirst();
        return asked.isEmpty() ? r : r.withPrelude(asked);
    }

    /**
     * The profiles against this endpoint: predicted and confirmed after a full scan; only what their hellos got
     * when the scan did not enumerate suites.
     */
    private static ClientImpact impact(TargetResult r, ScanOptions options, ProfileSettings run) {
        if (r.protocols().isEmpty() && r.profileHellos().isEmpty()) {
            // nothing answered a hello (closed, silent, not TLS): every client fails alike, the failure says how
            return ClientImpact.none();
        }
        ProfileSettings clients = run.forService(r.target().prelude().orElse(""));
        if (clients.profiles().isEmpty()) {
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
}
