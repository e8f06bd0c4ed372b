package io.tlsweep.run;

import io.tlsweep.report.InputJson;
import io.tlsweep.report.Listing;
import io.tlsweep.report.RunInfo;
import io.tlsweep.input.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@code tlsweep scan} leaves in its output directory around the run itself: no stale shard.json while
 * it runs; after a run that reached the end of its input, input.json, the reports and, for a shard, shard.json
 * last, so a directory holding a complete shard.json holds a finished shard.
 */
public final class ScanOutput {
    private ScanOutput() {
    }

    /** Before a scan writes into {@code dir}: whatever shard finished there before is gone now. */
    public static void begin(Path dir) throws IOException {
        ShardMarker.clear(dir);
    }

    /**
     * After a run that was not stopped: input.json (the duplicates dropped, the input errors), the reports and the verdict table
     * (to {@code table}, when given), then shard.json when the scan was one {@code shard}.
     *
     * @param input the duplicates the run dropped and its input errors
     * @param targets the targets this session finished, as shard.json counts them
     * @param errors what the reports could not read, one message each
     * @param listing which endpoints the reports and the table list
     */
    public static void end(Path dir, InputJson input, RunInfo run, Optional<PrintWriter> table,
            Consumer<String> errors, Optional<Shard> shard, long targets, Listing listing) throws IOException {
        input.write(dir);
        RunReports.rebuild(dir, run, table, errors, listing);
        if (shard.isPresent()) {
            ShardMarker.complete(shard.get().index(), shard.get().count(), targets).write(dir);
        }
    }
}
