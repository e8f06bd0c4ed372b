package io.tlsweep.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compliance policy: a named list of rules, each citing its source.
 *
 * @param id    the name {@code tlsweep policies ID} and the reports use ("mozilla-intermediate")
 * @param name  a title ("Mozilla Server Side TLS 5.8, intermediate")
 * @param rules the rules, in the file's order
 */
public record Policy(String id, String name, List<PolicyRule> rules) {
    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
    }

    /** The rule with this id. */
    public Optional<PolicyRule> rule(String ruleId) {
        return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
    }

    /** The distinct documents the rules cite, in first-cited order. */
    public List<String> documents() {
        return rules.stream().map(r -> r.source().document()).distinct().toList();
    }
}
