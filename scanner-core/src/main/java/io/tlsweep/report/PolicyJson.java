package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tlsweep.policy.PolicyResult;
import io.tlsweep.policy.PolicySource;
import io.tlsweep.policy.PolicyVerdict;
import java.util.List;

/**
 * One policy's judgement of an endpoint in its results.jsonl line: the policy's id, the verdict
 * ({@value #COMPLIANT}, {@value #NOT_COMPLIANT}, {@value #NOT_APPLICABLE}), every failed rule with what was seen and
 * the source it rests on, the rules the scan could not check, and for a not-applicable verdict why.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"policy", "verdict", "why", "failed", "unchecked"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyJson(String policy, String verdict, String why, List<RuleJson> failed,
        List<RuleJson> unchecked) {
    public static final String COMPLIANT = "compliant";
    public static final String NOT_COMPLIANT = "not-compliant";
    public static final String NOT_APPLICABLE = "not-applicable";

    /** A rule and what was seen (or why it was not checked), with its source. */
    @JsonPropertyOrder({"rule", "reason", "source"})
    public record RuleJson(String rule, String reason, SourceJson source) {
        static RuleJson of(PolicyResult.Failed f) {
            return new RuleJson(f.rule(), f.reason(), SourceJson.of(f.source()));
        }

        /** The source as one line: document, section. */
        public String cite() {
            return source == null ? "" : source.cite();
        }
    }

    /** The document a rule rests on, its section, where it is published and how the rule reads it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"document", "section", "url", "note"})
    public record SourceJson(String document, String section, String url, String note) {
        static SourceJson of(PolicySource s) {
            return new SourceJson(s.document(), s.section(), s.url(), s.note());
        }

        /** {@code NIST SP 800-52 Rev. 2, 3.1}. */
        public String cite() {
            String doc = document == null ? "" : document;
            return section == null || section.isEmpty() ? doc : doc + ", " + section;
        }
    }

    /** The JSON of {@code r}. */
    public static PolicyJson of(PolicyResult r) {
        return new PolicyJson(r.policy(), label(r.verdict()), r.why(), r.failed().stream().map(RuleJson::of).toList(),
                r.unchecked().stream().map(RuleJson::of).toList());
    }

    /** As the verdict is written: its label with '-' for spaces ("not-compliant"). */
    public static String label(PolicyVerdict v) {
        return v.label().replace(' ', '-');
    }

    @JsonIgnore
    public boolean notCompliant() {
        return NOT_COMPLIANT.equals(verdict);
    }

    @JsonIgnore
    public boolean notApplicable() {
        return NOT_APPLICABLE.equals(verdict);
    }

    /** The ids of the failed rules, each once, in rule order. */
    @JsonIgnore
    public List<String> failedRules() {
        return failed == null ? List.of() : failed.stream().map(RuleJson::rule).distinct().toList();
    }
}
