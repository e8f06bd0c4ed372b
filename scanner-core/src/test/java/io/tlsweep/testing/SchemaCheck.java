package io.tlsweep.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tlsweep.report.OutputSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Checks JSON that tlsweep wrote against the schemas it ships ({@link OutputSchema}): a file by its name, or every
 * such file under a directory. A problem reads "summary.json: $.totals.endpoints: ...", and for results.jsonl names
 * the line.
 */
public final class SchemaCheck {
    /** How deep a directory is searched: a sweep's runs, their shards. */
    private static final int DEPTH = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<OutputSchema, JsonSchema> SCHEMAS = new EnumMap<>(OutputSchema.class);

    private SchemaCheck() {
    }

    /** The compiled schema, read from the jar's resource as {@code tlsweep schema} prints it. */
    public static synchronized JsonSchema schema(OutputSchema s) {
        return SCHEMAS.computeIfAbsent(s, k -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(k.text()));
    }

    /** What is wrong with {@code doc} as a {@code s} document; empty when it validates. */
    public static List<String> problems(OutputSchema s, JsonNode doc) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema(s).validate(doc)) {
            problems.add(m.getMessage());
        }
        return problems;
    }

    /** What is wrong with {@code text}, one document (or one line of results.jsonl), as a {@code s} document. */
    public static List<String> problems(OutputSchema s, String text) {
        try {
            return problems(s, JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
    }

    /** What is wrong with {@code file}, read as the schema {@code s} says: results.jsonl line by line. */
    public static List<String> problems(OutputSchema s, Path file) {
        List<String> problems = new ArrayList<>();
        try {
            if (s == OutputSchema.RESULTS) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        for (String p : problems(s, lines.get(i))) {
                            problems.add(file + ": line " + (i + 1) + ": " + p);
                        }
                    }
                }
            } else {
                for (String p : problems(s, Files.readString(file, StandardCharsets.UTF_8))) {
                    problems.add(file + ": " + p);
                }
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What is wrong with the JSON files tlsweep writes under {@code dir} (or {@code dir} itself, a file), each by
     * its name; files whose name no schema claims are left alone. Nothing for a path that does not exist.
     */
    public static List<String> problemsUnder(Path dir) {
        return problemsUnder(dir, f -> true);
    }

    /** As {@link #problemsUnder(Path)}, for the files {@code which} accepts. */
    public static List<String> problemsUnder(Path dir, Predicate<Path> which) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, DEPTH)) {
            for (Path f : files.filter(Files::isRegularFile).filter(which).sorted().toList()) {
                Optional<OutputSchema> s = OutputSchema.byFile(f.getFileName().toString());
                s.ifPresent(schema -> problems.addAll(problems(schema, f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** Fails with every problem under {@code dir}. */
    public static void assertValid(Path dir) {
        List<String> problems = problemsUnder(dir);
        if (!problems.isEmpty()) {
            throw new AssertionError("JSON written does not validate against its schema:\n  "
                    + String.join("\n  ", problems));
        }
    }
}
