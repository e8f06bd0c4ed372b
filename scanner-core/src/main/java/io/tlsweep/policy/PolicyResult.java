package io.tlsweep.policy;

import java.util.List;
import java.util.Objects;

/**
 * How one endpoint fares against one policy: the verdict, every failed rule with what was seen, and the rules the
 * scan could not check (they neither pass nor fail the endpoint).
 *
 * @param policy    the policy's id
 * @param verdict   compliant, not compliant, or not applicable (nothing scanned)
 * @param failed    one entry per thing seen that breaks a rule, in rule order
 * @param unchecked one entry per rule the scan did not see enough for, with why
 * @param why       for {@link PolicyVerdict#NOT_APPLICABLE}, why nothing could be judged; empty otherwise
 */
public record PolicyResult(String policy, PolicyVerdict verdict, List<Failed> failed, List<Failed> unchecked,
        String why) {
    public PolicyResult {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(verdict, "verdict");
        failed = List.copyOf(failed);
        unchecked = List.copyOf(unchecked);
        Objects.requireNonNull(why, "why");
    }

    /** Whether the endpoint met every rule that could be checked (false when not applicable). */
    public boolean compliant() {
        return verdict == PolicyVerdict.COMPLIANT;
    }

    /** The ids of the failed rules, each once, in rule order. */
    public List<String> failedRules() {
        return failed.stream().map(Failed::rule).distinct().toList();
    }

    /**
     * A rule and what was seen.
     *
     * @param rule   the rule's id
     * @param reason what was seen ("accepts TLSv1.0"), or for an unchecked rule why it was not checked
     * @param source the document and section the rule rests on
     */
    public record Failed(String rule, String reason, PolicySource source) {
        public Failed {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
        }
    }
}
