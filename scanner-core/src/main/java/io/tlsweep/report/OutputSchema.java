package io.tlsweep.report;

import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JSON Schema (draft 2020-12) of each JSON file tlsweep writes, shipped in the jar under
 * {@code io/tlsweep/schema/NAME.schema.json}: its name ({@code tlsweep schema NAME}), the file it describes and what
 * that file is.
 */
public enum OutputSchema implements Labelled {
    RESULTS("results", "results.jsonl", "one line of results.jsonl (tlsweep/1): the full line, or the short line"
            + " of an endpoint where nothing answered"),
    SUMMARY("summary", "summary.json", "the run's counts and latency (tlsweep-summary/1)"),
    INPUT("input", "input.json", "the input's duplicates and errors (tlsweep-input/1)"),
    DRIFT("drift", "drift.json", "the changes against a baseline (tlsweep-drift/1); also diff --json"),
    EVIDENCE("evidence", "evidence.json", "the handshake logs' summary (tlsweep-evidence/1)"),
    RUN("run", "run.json", "a sweep run directory's state"),
    SHARD("shard", "shard.json", "the marker of a finished shard"),
    MERGE("merge", "merge.json", "the marker of a finished merge of shards"),
    BENCH("bench", "bench.json", "the figures of tlsweep bench");

    private static final Labels<OutputSchema> NAMES = Labels.of(OutputSchema.class);

    private final String name;
    private final String file;
    private final String description;

    OutputSchema(String name, String file, String description) {
        this.name = name;
        this.file = file;
        this.description = description;
    }

    @Override
    public String label() {
        return name;
    }

    /** The file name this schema describes ("results.jsonl"). */
    public String file() {
        return file;
    }

    public String description() {
        return description;
    }

    /** The resource path of the schema in the jar. */
    public String resource() {
        return "/io/tlsweep/schema/" + name + ".schema.json";
    }

    /** The schema's text, as shipped. */
    public String text() {
        try (InputStream in = OutputSchema.class.getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The schema named {@code name}.
     *
     * @throws IllegalArgumentException "unknown schema 'x' (expected one of results, ...)"
     */
    public static OutputSchema named(String name) {
        return NAMES.require(name, "schema");
    }

    /** The schema of a file tlsweep writes under this name, if it is one. */
    public static Optional<OutputSchema> byFile(String fileName) {
        return Arrays.stream(values()).filter(s -> s.file.equals(fileName)).findFirst();
    }
}
