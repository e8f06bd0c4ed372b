package io.tlsweep.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.text.VisibleText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a policy file (schema {@value #SCHEMA}): one policy, its sources table and its rules. A file with any bad
 * rule loads no policy at all (a policy missing a rule would pass endpoints it should not); every problem is one
 * error naming the file, the rule and the field.
 */
public final class PolicyFile {
    public static final String SCHEMA = "tlsweep-policy/1";
    /** The built-in policies, in the order {@code tlsweep policies} lists them. */
    public static final List<String> BUILT_IN = List.of("mozilla-modern", "mozilla-intermediate", "mozilla-old",
            "nist-800-52r2", "bsi-tr-02102-2", "pci-dss-4");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RULE_FIELDS = Set.of("id", "description", "source", "test", "value");

    /** What a file gave: the policy when it loaded, and one line per problem. */
    public record Load(Optional<Policy> policy, List<String> errors) {
        /** The errors quote the file: its control characters are shown as escapes. */
        public Load {
            errors = errors.stream().map(VisibleText::of).toList();
        }
    }

    private PolicyFile() {
    }

    /** Every built-in policy. A problem in them is a build defect, so it throws. */
    public static List<Policy> builtIn() {
        return BUILT_IN.stream().map(PolicyFile::builtIn).toList();
    }

    /** The built-in policy named {@code id}, if there is one. */
    public static Optional<Policy> named(String id) {
        return BUILT_IN.contains(id) ? Optional.of(builtIn(id)) : Optional.empty();
    }

    private static Policy builtIn(String id) {
        String resource = "/io/tlsweep/policies/" + id + ".json";
        try (InputStream in = PolicyFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy " + resource + " missing from the jar");
            }
            Load load = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + id);
            if (!load.errors().isEmpty()) {
                throw new IllegalStateException(String.join("; ", load.errors()));
            }
            return load.policy().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the text of a policy file; {@code where} names it in errors. */
    public static Load parse(String text, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Load(Optional.empty(), List.of(where + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject() || !SCHEMA.equals(root.path("schema").asText())) {
            return new Load(Optional.empty(), List.of(where + ": not a policy file (\"schema\": \"" + SCHEMA
                    + "\" expected)"));
        }
        List<String> errors = new ArrayList<>();
        String id = root.path("id").asText("");
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            errors.add(where + ": id: '" + id + "' must be lower-case letters, digits, '.' or '-'");
        }
        String name = root.path("name").asText("");
        if (name.isBlank()) {
            errors.add(where + ": name: missing");
        }
        Map<String, JsonNode> documents = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("sources").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("title").asText("").isBlank()) {
                errors.add(where + ": sources: '" + e.getKey() + "' has no title");
            }
            documents.put(e.getKey(), e.getValue());
        }
        List<PolicyRule> rules = new ArrayList<>();
        JsonNode list = root.path("rules");
        if (!list.isArray() || list.isEmpty()) {
            errors.add(where + ": rules: a non-empty list was expected");
        }
        int index = 0;
        for (JsonNode node : list) {
            index++;
            String ruleId = node.path("id").asText("");
            String at = where + ": rule " + (ruleId.isEmpty() ? "#" + index : "'" + ruleId + "'");
            try {
                PolicyRule rule = rule(node, ruleId, documents);
                if (rules.stream().anyMatch(r -> r.id().equals(ruleId))) {
                    throw new BadField("id", "appears twice");
                }
                rules.add(rule);
            } catch (IllegalArgumentException e) {
                errors.add(at + ": " + e.getMessage());
            }
        }
        return errors.isEmpty() ? new Load(Optional.of(new Policy(id, name, rules)), List.of())
                : new Load(Optional.empty(), errors);
    }

    private static PolicyRule rule(JsonNode node, String id, Map<String, JsonNode> documents) {
        if (!node.isObject()) {
            throw new BadField("rule", "an object was expected");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!RULE_FIELDS.contains(field)) {
                throw new BadField(field, "not a rule field (" + String.join(", ", RULE_FIELDS.stream().sorted()
                        .toList()) + ")");
            }
        }
        if (!id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new BadField("id", "'" + id + "' must be lower-case letters, digits, '.' or '-'");
        }
        String description = node.path("description").asText("");
        if (description.isBlank()) {
            throw new BadField("description", "missing");
        }
        PolicySource source = source(node.path("source"), documents);
        String test = node.path("test").asText("");
        if (!RequirementReader.TESTS.containsKey(test)) {
            throw new BadField("test", "'" + test + "' is not a test tlsweep knows ("
                    + String.join(", ", RequirementReader.TESTS.keySet()) + ")");
        }
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) {
            throw new BadField("value", "missing: " + test + " takes " + RequirementReader.TESTS.get(test));
        }
        try {
            return new PolicyRule(id, description, source, RequirementReader.read(test, value));
        } catch (IllegalArgumentException e) {
            throw new BadField("value", e.getMessage());
        }
    }

    private static PolicySource source(JsonNode node, Map<String, JsonNode> documents) {
        if (!node.isObject()) {
            throw new BadField("source", "missing: {\"document\": KEY, \"section\": ..., \"note\": ...} expected");
        }
        String key = node.path("document").asText("");
        JsonNode doc = documents.get(key);
        if (doc == null) {
            throw new BadField("source", "document '" + key + "' is not in the file's sources table");
        }
        String section = node.path("section").asText("");
        if (section.isBlank()) {
            throw new BadField("source", "section missing: name the section, table or field the rule rests on");
        }
        return new PolicySource(doc.path("title").asText(), section, doc.path("url").asText(""),
                node.path("note").asText(""));
    }

    /** A rule field that cannot be read: which field, and why. */
    private static final class BadField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadField(String field, String why) {
            super(field + ": " + why);
        }
    }
}
