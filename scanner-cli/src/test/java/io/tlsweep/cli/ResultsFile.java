package io.tlsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.report.JsonLinesReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's results.jsonl as every view reads it: each line through tlsweep's reader, so the short line of an
 * endpoint where nothing answered comes back in the full shape (verdict, reason, failure object); as JSON trees.
 */
final class ResultsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsFile() {
    }

    static List<JsonNode> lines(Path resultsJsonl) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(resultsJsonl, StandardCharsets.UTF_8)) {
            JsonLinesReader.read(in, resultsJsonl.toString(), r -> lines.add(JSON.valueToTree(r)), errors::add);
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("unreadable lines: " + errors);
        }
        return lines;
    }
}
