package io.tlsweep.run;

import io.tlsweep.report.JsonLinesReader;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ResultLines;
import io.tlsweep.input.EndpointIdentity;
import io.tlsweep.input.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/**
 * The endpoints a run has already finished: its results.jsonl is the append-only journal, one line per finished
 * endpoint. Opening it repairs a tail cut by a kill (an unterminated last line is completed when it parses and
 * cut off when it does not) and keeps the {@link EndpointIdentity} key of every finished endpoint (8 bytes
 * each), so a resumed run skips exactly those and writes no result twice. The key is the endpoint's (host,
 * port, SNI, protocol), never its line or file: editing the input (a comment added at the top, lines moved or
 * joined) does not make a finished endpoint look new.
 */
public final class Journal {
    /** The journal's file in a run's directory: the run's results, one JSON line per finished endpoint. */
    public static final String FILE = "results.jsonl";

    private final long[] sortedKeys;
    private final long lines;
    private final String repaired;

    private Journal(long[] sortedKeys, long lines, String repaired) {
        this.sortedKeys = sortedKeys;
        this.lines = lines;
        this.repaired = repaired;
    }

    /** Reads (and repairs) {@code results}; a missing file is an empty journal. */
    public static Journal open(Path results, Consumer<String> errors) throws IOException {
        if (!Files.exists(results)) {
            return new Journal(new long[0], 0, "");
        }
        String repaired = repairTail(results);
        long[] keys = new long[1024];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            long[][] holder = {keys};
            int[] count = {0};
            JsonLinesReader.read(in, results.toString(), r -> {
                if (count[0] == holder[0].length) {
                    holder[0] = Arrays.copyOf(holder[0], holder[0].length * 2);
                }
                holder[0][count[0]++] = key(r);
            }, errors);
            keys = holder[0];
            n = count[0];
        }
        long[] sorted = Arrays.copyOf(keys, n);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return new Journal(Arrays.copyOf(sorted, distinct), distinct, repaired);
    }

    /** The key of a target: its endpoint (host, port, SNI, protocol). */
    public static long key(Target t) {
        return EndpointIdentity.key(t);
    }

    public static long key(ResultJson r) {
        return ResultLines.key(r);
    }

    public boolean finished(Target t) {
        return Arrays.binarySearch(sortedKeys, key(t)) >= 0;
    }

    /** Endpoints finished before: those with a line of results.jsonl that parsed (once however many). */
    public long finishedCount() {
        return lines;
    }

    /** What the tail repair did, in words; empty when the file ended cleanly. */
    public String repaired() {
        return repaired;
    }

    /** {@code targets} without the finished ones, lazily. */
    public Iterator<Target> unfinished(Iterator<Target> targets) {
        Objects.requireNonNull(targets, "targets");
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(targets, Spliterator.ORDERED), false)
                .filter(t -> !finished(t)).iterator();
    }

    /**
     * A process killed while writing leaves at most one unterminated last line: kept with its newline added when
     * it is a whole JSON object, cut off otherwise.
     */
    private static String repairTail(Path results) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(results.toFile(), "rw")) {
            long length = f.length();
            if (length == 0) {
                return "";
            }
            f.seek(length - 1);
            if (f.read() == '\n') {
                return "";
            }
            long start = length - 1;
            while (start > 0) {
                f.seek(start - 1);
                if (f.read() == '\n') {
                    break;
                }
                start--;
            }
            byte[] tail = new byte[(int) (length - start)];
            f.seek(start);
            f.readFully(tail);
            if (parses(tail)) {
                f.seek(length);
                f.write('\n');
                return "the last line had no newline; it was whole and is kept";
            }
            f.setLength(start);
            return "cut off an incomplete last line of " + tail.length + " bytes (a target being written when the"
                    + " run stopped; it is scanned again)";
        }
    }

    private static boolean parses(byte[] line) {
        boolean[] ok = {false};
        JsonLinesReader.read(new BufferedReader(new java.io.StringReader(new String(line, StandardCharsets.UTF_8))),
                "tail", r -> ok[0] = true, e -> { });
        return ok[0];
    }
}
