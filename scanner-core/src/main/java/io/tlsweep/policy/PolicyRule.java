package io.tlsweep.policy;

import java.util.Objects;

/**
 * One rule of a policy: what it demands of an endpoint and the document that demands it.
 *
 * @param id          unique within its policy ("versions", "no-3des")
 * @param description what the rule asks, in a sentence a reader of a report understands
 * @param source      the document, section and URL the rule rests on
 * @param requirement what the rule tests on a scan result
 */
public record PolicyRule(String id, String description, PolicySource source, Requirement requirement) {
    public PolicyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(requirement, "requirement");
    }
}
