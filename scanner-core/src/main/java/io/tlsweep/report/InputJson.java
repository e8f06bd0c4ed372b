package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code input.json} beside a run's results: what the input held that has no result line of its own, for
 * summary.json and report.html. Today: the targets dropped because their endpoint came before in the input
 * (each endpoint is scanned once per run). Written by the run at its end; a resumed run reads the whole input
 * again, so the last session's count covers it.
 */
@JsonPropertyOrder({"schema", "duplicatesDropped"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record InputJson(String schema, long duplicatesDropped) {
    public static final String FILE = "input.json";
    public static final String SCHEMA = "tlsweep-input/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static InputJson of(long duplicatesDropped) {
        return new InputJson(SCHEMA, duplicatesDropped);
    }

    /** The file in {@code dir}; nothing dropped when there is none (a run from before, or a hand-made one). */
    public static InputJson readIfPresent(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), InputJson.class) : of(0);
    }

    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** Both counts added up: shards split the endpoints, so their duplicates never overlap. */
    public InputJson plus(InputJson other) {
        return of(duplicatesDropped + other.duplicatesDropped);
    }
}
