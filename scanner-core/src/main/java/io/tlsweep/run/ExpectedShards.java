package io.tlsweep.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What {@code merge --expect N} finds among its directories, by their shard.json: all N shards complete (merge
 * them), some still missing (wait), or shards that cannot go together (a shard twice, or one of another count).
 */
public sealed interface ExpectedShards {

    /** Shards 0..N-1, each once and complete, in shard order; {@code others} are the directories left out. */
    record Complete(List<Path> dirs, List<Path> others) implements ExpectedShards {
    }

    /** Not all N shards are complete yet: {@code message} says how many are and which are missing. */
    record Waiting(String message) implements ExpectedShards {
    }

    /** The directories cannot be merged; each reason was reported. */
    record Refused() implements ExpectedShards {
    }

    /**
     * Sorts {@code dirs} by their shard.json. A marker that cannot be read counts as not complete; it, and each
     * reason the shards cannot go together, is reported to {@code errors}.
     */
    static ExpectedShards of(List<Path> dirs, int n, Consumer<String> errors) {
        TreeMap<Integer, Path> complete = new TreeMap<>();
        List<Path> others = new ArrayList<>();
        boolean bad = false;
        for (Path dir : dirs) {
            Optional<ShardMarker> marker;
            try {
                marker = Files.isDirectory(dir) ? ShardMarker.read(dir) : Optional.empty();
            } catch (IOException e) {
                errors.accept(dir.resolve(ShardMarker.FILE) + " unreadable (" + e.getMessage()
                        + "); taken as not complete");
                marker = Optional.empty();
            }
            if (marker.isEmpty() || !marker.get().complete()) {
                others.add(dir);
                continue;
            }
            ShardMarker m = marker.get();
            if (m.shards() != n || m.shard() < 0 || m.shard() >= n) {
                errors.accept(dir + " is shard " + m.shard() + " of " + m.shards() + ", not one of --expect " + n);
                bad = true;
                continue;
            }
            Path before = complete.putIfAbsent(m.shard(), dir);
            if (before != null) {
                errors.accept("shard " + m.shard() + " is both " + before + " and " + dir);
                bad = true;
            }
        }
        if (bad) {
            return new Refused();
        }
        if (complete.size() < n) {
            String missing = IntStream.range(0, n).filter(i -> !complete.containsKey(i)).mapToObj(Integer::toString)
                    .collect(Collectors.joining(", "));
            return new Waiting("waiting for shards: " + complete.size() + " of " + n + " complete (missing: "
                    + missing + ")");
        }
        return new Complete(List.copyOf(complete.values()), List.copyOf(others));
    }
}
