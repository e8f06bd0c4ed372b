package io.tlsweep.policy;

import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Judges a scan result against a policy. Pure: no I/O, the same result and policy give the same answer. */
public final class PolicyCheck {
    private PolicyCheck() {
    }

    /**
     * Every rule of {@code policy} on {@code result}: not applicable when the endpoint accepted no version (a failed
     * scan, a server that refused every hello); else not compliant when a checked rule failed, compliant otherwise.
     */
    public static PolicyResult evaluate(TargetResult result, Policy policy) {
        if (result.protocols().isEmpty()) {
            String why = result.status() == ScanStatus.OK ? "no TLS version was accepted"
                    : "the scan ended " + result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + result.failure().map(f -> ": " + f.kind().name().toLowerCase(Locale.ROOT)).orElse("");
            return new PolicyResult(policy.id(), PolicyVerdict.NOT_APPLICABLE, List.of(), List.of(), why);
        }
        ScannedFacts facts = ScannedFacts.of(result);
        List<PolicyResult.Failed> failed = new ArrayList<>();
        List<PolicyResult.Failed> unchecked = new ArrayList<>();
        for (PolicyRule rule : policy.rules()) {
            Requirement.Outcome outcome = rule.requirement().check(facts);
            List<PolicyResult.Failed> into = outcome.checked() ? failed : unchecked;
            outcome.reasons().forEach(r -> into.add(new PolicyResult.Failed(rule.id(), r, rule.source())));
        }
        return new PolicyResult(policy.id(), failed.isEmpty() ? PolicyVerdict.COMPLIANT : PolicyVerdict.NOT_COMPLIANT,
                failed, unchecked, "");
    }

    /** Each policy in turn. */
    public static List<PolicyResult> evaluate(TargetResult result, List<Policy> policies) {
        return policies.stream().map(p -> evaluate(result, p)).toList();
    }
}
