package io.tlsweep.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code merge.json}: which directories went into a merged run, and when it was finished. A merge writes it
 * last before renaming its directory into place, so a directory holding it with {@code complete: true} is a
 * complete merge.
 */
@JsonPropertyOrder({"complete", "shards", "targets", "sources", "finished"})
public record MergeMarker(boolean complete, Integer shards, long targets, List<String> sources, String finished) {
    public static final String FILE = "merge.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** Whether {@code dir} holds a complete merge. */
    public static boolean isComplete(Path dir) {
        Path marker = dir.resolve(FILE);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try {
            return JSON.readTree(marker.toFile()).path("complete").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The newest complete merge under {@code root} (by its merge.json: {@code ROOT/*} or {@code ROOT/*}/merged),
     * {@code except} left out.
     */
    public static Optional<Path> newestUnder(Path root, Path except) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Path self = except.toAbsolutePath().normalize();
        Path best = null;
        Instant bestAt = null;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path run : runs) {
                for (Path candidate : List.of(run, run.resolve("merged"))) {
                    Path marker = candidate.resolve(FILE);
                    if (candidate.toAbsolutePath().normalize().equals(self) || !Files.isRegularFile(marker)) {
                        continue;
                    }
                    try {
                        JsonNode m = JSON.readTree(marker.toFile());
                        Instant at = Instant.parse(m.path("finished").asText());
                        if (m.path("complete").asBoolean(false) && (bestAt == null || at.isAfter(bestAt))) {
                            best = candidate;
                            bestAt = at;
                        }
                    } catch (IOException | DateTimeParseException e) {
                        // not a readable merge marker: not a baseline
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
