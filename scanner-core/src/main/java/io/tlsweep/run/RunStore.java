package io.tlsweep.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs of a sweep under one output root: {@code ROOT/runs/<start time, UTC>/}, each with a {@code run.json}
 * saying whether it completed; {@code ROOT/latest} (a symbolic link, and the file {@code ROOT/LATEST} naming the
 * run for file systems without links) points to the newest complete run. The previous complete run is the
 * baseline of the next. Run ids sort by time: {@code 20261123T221500Z}.
 */
public final class RunStore {
    public static final String RUNS = "runs";
    public static final String LATEST = "latest";
    public static final String LATEST_FILE = "LATEST";
    public static final String RUN_JSON = "run.json";
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What run.json says about a run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunMeta(String id, String started, String finished, boolean complete, String mode, String baseline,
            String config, String shard, Long targets, Long connections, Integer sessions) {

        public RunMeta finish(Instant at, long targetCount, long connectionCount) {
            return new RunMeta(id, started, at.toString(), true, mode, baseline, config, shard, targetCount, connectionCount,
                    sessions);
        }

        public RunMeta resumed() {
            return new RunMeta(id, started, finished, complete, mode, baseline, config, shard, targets, connections,
                    sessions == null ? 2 : sessions + 1);
        }
    }

    /** One run directory and what its run.json says (absent when it has none yet). */
    public record Run(String id, Path dir, Optional<RunMeta> meta) {
        public boolean complete() {
            return meta.map(RunMeta::complete).orElse(false);
        }
    }

    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Every run, oldest first. */
    public List<Run> runs() throws IOException {
        Path runs = root.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Run> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runs, Files::isDirectory)) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                if (id.matches("\\d{8}T\\d{6}Z(-\\d+)?")) {
                    found.add(new Run(id, d, readMeta(d)));
                }
            }
        }
        found.sort(Comparator.comparing(Run::id, RunStore::compareIds));
        return found;
    }

    /** The newest run, when it did not complete: what {@code --resume} finishes. */
    public Optional<Run> newestIncomplete() throws IOException {
        List<Run> all = runs();
        return all.isEmpty() || all.get(all.size() - 1).complete() ? Optional.empty()
                : Optional.of(all.get(all.size() - 1));
    }

    /** The newest complete run: the baseline of a run about to start. */
    public Optional<Run> newestComplete() throws IOException {
        return runs().stream().filter(Run::complete).reduce((older, newer) -> newer);
    }

    /** The newest complete run older than {@code id}: the baseline of run {@code id}. */
    public Optional<Run> baselineOf(String id) throws IOException {
        return runs().stream().filter(Run::complete).filter(r -> compareIds(r.id(), id) < 0)
                .reduce((older, newer) -> newer);
    }

    /** A new run directory named by {@code start} (with a suffix when two runs start in the same second). */
    public Run create(Instant start, RunMeta template) throws IOException {
        String base = ID.format(start);
        Path dir = root.resolve(RUNS).resolve(base);
        String id = base;
        for (int n = 2; Files.exists(dir); n++) {
            id = base + "-" + n;
            dir = root.resolve(RUNS).resolve(id);
        }
        Files.createDirectories(dir);
        RunMeta meta = new RunMeta(id, start.toString(), null, false, template.mode(), template.baseline(), template.config(),
                template.shard(), null, null, 1);
        writeMeta(dir, meta);
        return new Run(id, dir, Optional.of(meta));
    }

    public static Optional<RunMeta> readMeta(Path dir) throws IOException {
        Path file = dir.resolve(RUN_JSON);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), RunMeta.class));
    }

    public static void writeMeta(Path dir, RunMeta meta) throws IOException {
        Path tmp = dir.resolve(RUN_JSON + ".tmp");
        JSON.writeValue(tmp.toFile(), meta);
        moveAtomically(tmp, dir.resolve(RUN_JSON));
    }

    /** Points {@code latest} and {@code LATEST} at {@code run}. */
    public void pointLatestAt(Run run) throws IOException {
        Path tmpFile = root.resolve(LATEST_FILE + ".tmp");
        Files.writeString(tmpFile, run.id() + "\n");
        moveAtomically(tmpFile, root.resolve(LATEST_FILE));
        Path link = root.resolve(LATEST);
        Path tmpLink = root.resolve(LATEST + ".tmp");
        try {
            Files.deleteIfExists(tmpLink);
            Files.createSymbolicLink(tmpLink, root.relativize(run.dir()));
            moveAtomically(tmpLink, link);
        } catch (UnsupportedOperationException | IOException e) {
            // a file system without symbolic links: LATEST alone names the run
            Files.deleteIfExists(tmpLink);
        }
    }

    /**
     * Deletes the oldest complete runs beyond {@code keep} (0 keeps all); incomplete runs are left for
     * {@code --resume}. Returns the ids deleted.
     */
    public List<String> prune(int keep) throws IOException {
        if (keep <= 0) {
            return List.of();
        }
        List<Run> complete = runs().stream().filter(Run::complete).toList();
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < complete.size() - keep; i++) {
            deleteTree(complete.get(i).dir());
            deleted.add(complete.get(i).id());
        }
        return deleted;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Ids sort by time, then by the same-second suffix. */
    public static int compareIds(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int c = x[0].compareTo(y[0]);
        if (c != 0) {
            return c;
        }
        return Integer.compare(x.length > 1 ? Integer.parseInt(x[1]) : 1, y.length > 1 ? Integer.parseInt(y[1]) : 1);
    }
}
