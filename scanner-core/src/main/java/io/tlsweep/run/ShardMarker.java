package io.tlsweep.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code shard.json}: what a sharded scan leaves in its output directory as the very last thing, after the
 * reports, so that a directory holding it with {@code complete: true} holds a finished shard.
 *
 * <pre>{"shard": 2, "shards": 4, "complete": true, "targets": 1234, "finished": "2026-01-02T03:04:05Z"}</pre>
 */
@JsonPropertyOrder({"shard", "shards", "complete", "targets", "finished"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShardMarker(int shard, int shards, boolean complete, long targets, String finished) {
    public static final String FILE = "shard.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A finished shard, now. */
    public static ShardMarker complete(int shard, int shards, long targets) {
        return new ShardMarker(shard, shards, true, targets, Instant.now().toString());
    }

    /** Writes {@code dir/shard.json} atomically: a temporary file in {@code dir}, then a rename over the old. */
    public void write(Path dir) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + FILE + ".", ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The marker in {@code dir}; empty when there is none. */
    public static Optional<ShardMarker> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), ShardMarker.class));
    }

    /** Before a scan writes into {@code dir}: whatever shard finished there before is gone now. */
    public static void clear(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
