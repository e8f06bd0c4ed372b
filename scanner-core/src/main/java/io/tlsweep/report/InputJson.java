package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code input.json} beside a run's results: what the input held that has no result line of its own, for
 * summary.json, report.html and the text report: the targets dropped because their endpoint came before in the
 * input (each endpoint is scanned once per run), and the input errors (lines that could not be read as a target,
 * inputs that could not be opened), counted, the first {@value #KEPT} of them with where and what. Written by the
 * run at its end; a resumed run reads the whole input again, so the last session's counts cover it.
 */
@JsonPropertyOrder({"schema", "duplicatesDropped", "inputErrors", "firstInputErrors"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record InputJson(String schema, long duplicatesDropped, long inputErrors, List<Error> firstInputErrors) {
    public static final String FILE = "input.json";
    public static final String SCHEMA = "tlsweep-input/1";
    /** Input errors kept with their text; the rest are counted only. */
    public static final int KEPT = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One input error.
     *
     * @param origin where: {@code targets.txt:7}, {@code argument 2}, or a file that could not be opened
     * @param message what is wrong with it
     */
    public record Error(String origin, String message) {
        public Error {
            origin = origin == null ? "" : origin;
            message = message == null ? "" : message;
        }
    }

    public InputJson {
        firstInputErrors = firstInputErrors == null ? List.of()
                : List.copyOf(firstInputErrors.subList(0, Math.min(KEPT, firstInputErrors.size())));
        inputErrors = Math.max(inputErrors, firstInputErrors.size());
    }

    public static InputJson of(long duplicatesDropped) {
        return of(duplicatesDropped, List.of());
    }

    /** The duplicates and every input error of a run (the first {@link #KEPT} kept with their text). */
    public static InputJson of(long duplicatesDropped, List<Error> errors) {
        return new InputJson(SCHEMA, duplicatesDropped, errors.size(), errors);
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
        List<Error> errors = new ArrayList<>(firstInputErrors);
        errors.addAll(other.firstInputErrors);
        return new InputJson(SCHEMA, duplicatesDropped + other.duplicatesDropped, inputErrors + other.inputErrors,
                errors);
    }
}
