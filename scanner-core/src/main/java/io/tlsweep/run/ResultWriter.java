package io.tlsweep.run;

import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ResultJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * results.jsonl's one writer thread: the tasks handed to it run one after the other, and the lines they write
 * go out whole and flushed as soon as each target is complete, so nothing scanned is lost if the run stops.
 */
final class ResultWriter implements Executor, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "tlsweep-writer"));
    private final Path file;
    private final JsonLinesWriter json;
    private final RunStop stop;

    private ResultWriter(Path file, OutputStream out, RunStop stop) {
        this.file = file;
        this.json = new JsonLinesWriter(out);
        this.stop = stop;
    }

    /** Opens {@code file}: appended to when {@code append} (a resumed run), replaced otherwise. */
    static ResultWriter open(Path file, boolean append, RunStop stop) throws IOException {
        OutputStream out = append
                ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newOutputStream(file);
        return new ResultWriter(file, out, stop);
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    /**
     * Writes one line (on the writer thread); a failure stops the run (one reason, no stack trace) and every later
     * line is dropped, so results.jsonl ends with whole lines and at most one cut line, which {@code --resume}
     * repairs.
     */
    boolean write(ResultJson line) {
        if (stop.reason().orElse(null) instanceof RunStop.WriteFailed) {
            return false;
        }
        try {
            json.write(line);
            return true;
        } catch (UncheckedIOException e) {
            stop.stop(new RunStop.WriteFailed(file, e.getCause()));
            return false;
        }
    }

    /** Takes no further task and waits (a minute at most) until those handed over have run. */
    void finish() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("results writer did not finish within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing results", e);
        }
    }

    @Override
    public void close() throws IOException {
        thread.shutdownNow();
        json.close();
    }
}
