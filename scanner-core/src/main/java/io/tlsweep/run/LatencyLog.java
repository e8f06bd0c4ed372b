package io.tlsweep.run;

import io.tlsweep.metrics.HistogramLogs;
import io.tlsweep.metrics.ScanMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A run's latency.hlog that survives a kill: while scanning, the histograms are checkpointed every
 * {@value #CHECKPOINT_SECONDS} s to {@value #PARTIAL}; a resumed run keeps a killed session's checkpoint as
 * {@code latency.session-N.hlog}, and the finished run's latency.hlog adds up every session exactly. A killed
 * session loses at most its last {@value #CHECKPOINT_SECONDS} s of timings.
 */
public final class LatencyLog implements AutoCloseable {
    /** The finished run's log in its directory. */
    public static final String FILE = "latency.hlog";
    public static final String PARTIAL = "latency.hlog.part";
    public static final String SESSION_PREFIX = "latency.session-";
    public static final int CHECKPOINT_SECONDS = 5;

    private final Path dir;
    private final ScanMetrics metrics;
    private final ScheduledExecutorService timer;

    private LatencyLog(Path dir, ScanMetrics metrics) {
        this.dir = dir;
        this.metrics = metrics;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tlsweep-latency-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts checkpointing; a resumed run first keeps the killed session's checkpoint, a new one drops stale ones.
     * A checkpoint that cannot be written stops the run.
     */
    public static LatencyLog start(Path dir, ScanMetrics metrics, boolean resuming, RunStop stop) throws IOException {
        if (resuming) {
            Path partial = dir.resolve(PARTIAL);
            if (Files.exists(partial)) {
                move(partial, dir.resolve(SESSION_PREFIX + (sessions(dir).size() + 1) + ".hlog"));
            }
        } else {
            Files.deleteIfExists(dir.resolve(PARTIAL));
            for (Path s : sessions(dir)) {
                Files.delete(s);
            }
        }
        LatencyLog log = new LatencyLog(dir, metrics);
        log.timer.scheduleWithFixedDelay(() -> {
            try {
                log.checkpoint();
            } catch (IOException e) {
                stop.stop(new RunStop.WriteFailed(dir.resolve(PARTIAL), e));
                log.timer.shutdown();
            }
        }, CHECKPOINT_SECONDS, CHECKPOINT_SECONDS, TimeUnit.SECONDS);
        return log;
    }

    /** Writes the histograms so far to {@value #PARTIAL}, as the timer does. */
    public void checkpoint() throws IOException {
        write(dir.resolve(PARTIAL));
    }

    /** A last checkpoint of an interrupted run, so a resume keeps its timings; a failure loses only those. */
    public void checkpointQuietly() {
        timer.shutdownNow();
        try {
            checkpoint();
        } catch (IOException e) {
            // the timings of this session since the last checkpoint are lost; the results are not
        }
    }

    /** Writes latency.hlog: this session's histograms added to those of earlier killed sessions. */
    public void finish(Path hlog) throws IOException {
        timer.shutdownNow();
        List<Path> earlier = sessions(dir);
        if (earlier.isEmpty()) {
            write(hlog);
        } else {
            Path current = dir.resolve(SESSION_PREFIX + "current.hlog");
            write(current);
            List<Path> all = new ArrayList<>(earlier);
            all.add(current);
            Path tmp = hlog.resolveSibling(hlog.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                HistogramLogs.merge(all, out);
            }
            move(tmp, hlog);
            for (Path p : all) {
                Files.delete(p);
            }
        }
        Files.deleteIfExists(dir.resolve(PARTIAL));
    }

    private synchronized void write(Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            metrics.writeLog(out);
        }
        move(tmp, target);
    }

    private static List<Path> sessions(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, SESSION_PREFIX + "[0-9]*.hlog")) {
            files.forEach(found::add);
        }
        found.sort(null);
        return found;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
