package io.tlsweep.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ShortLine;
import io.tlsweep.report.ResultLines;
import io.tlsweep.text.VisibleText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The result lines of several output directories, indexed for merging: every line is checked (it must be a
 * {@code tlsweep/1} result), but only its sort key and where it lies in its file are kept, so memory grows
 * with the number of targets, not with the size of their lines. The merged file is then written in order
 * by reading each line again from where it lies.
 *
 * <p>The order is total and depends on the lines only: target, port, SNI, origin (no SNI or origin first),
 * then the input's position and the line's, for lines otherwise equal.
 *
 * <p>An endpoint ({@link ResultLines#key}) with several lines in one input keeps its last line only, as the
 * reports count it; the others are {@link #superseded()}.
 */
public final class ShardResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Line> ORDER = Comparator.comparing(Line::target, NULLS_FIRST)
            .thenComparingInt(Line::port)
            .thenComparing(Line::sni, NULLS_FIRST)
            .thenComparing(Line::origin, NULLS_FIRST)
            .thenComparingInt(Line::file)
            .thenComparingLong(Line::offset);
    /** How many overlapping endpoints an error names before it only counts them. */
    private static final int NAMED_OVERLAPS = 10;

    /** One line of one file: its sort key and its bytes' place. */
    private record Line(String target, int port, String sni, String origin, int file, long offset, int length) {
    }

    private final List<Path> files = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    /** Endpoint (host:port, as shards hash it) to the first file it was seen in. */
    private final Map<String, Integer> endpoints = new HashMap<>();
    /** Endpoint identity to the index of its latest line in {@link #lines}. */
    private final Map<Long, Integer> latest = new HashMap<>();
    private final List<String> overlaps = new ArrayList<>();
    private int overlapCount;
    private int skipped;
    private int superseded;

    /**
     * Indexes one results.jsonl. Lines that are not results are reported to {@code errors} as
     * {@code file:line: why} and skipped; an unterminated last line that does not parse is reported as
     * truncated (a scan stopped mid-write).
     */
    public void add(Path resultsJsonl, Consumer<String> errors) throws IOException {
        int file = files.size();
        files.add(resultsJsonl);
        try (InputStream in = Files.newInputStream(resultsJsonl)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            byte[] chunk = new byte[1 << 16];
            long position = 0;
            long start = 0;
            int number = 0;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        line.write(chunk, from, i - from);
                        take(file, ++number, start, line, false, errors);
                        line.reset();
                        from = i + 1;
                        start = position + from;
                    }
                }
                line.write(chunk, from, n - from);
                position += n;
            }
            if (line.size() > 0) {
                take(file, ++number, start, line, true, errors);
            }
        }
    }

    private void take(int file, int number, long start, ByteArrayOutputStream bytes, boolean unterminated,
            Consumer<String> errors) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return;
        }
        String where = files.get(file) + ":" + number + ": ";
        ResultJson r;
        try {
            r = ShortLine.read(JSON, text);
        } catch (JsonProcessingException e) {
            skipped++;
            errors.accept(VisibleText.of(where + (unterminated ? "truncated last line (was the scan stopped"
                    + " mid-write?)" : "not a result line: " + e.getOriginalMessage()) + "; skipped"));
            return;
        }
        if (!ResultJson.SCHEMA.equals(r.schema())) {
            skipped++;
            errors.accept(VisibleText.of(where + "schema '" + r.schema() + "' is not " + ResultJson.SCHEMA
                    + "; skipped"));
            return;
        }
        String endpoint = endpoint(r);
        Integer first = endpoints.putIfAbsent(endpoint, file);
        if (first != null && first != file) {
            if (overlapCount++ < NAMED_OVERLAPS) {
                overlaps.add(VisibleText.of(endpoint + " is in both " + files.get(first) + " and "
                        + files.get(file)));
            }
        }
        Integer before = latest.put(ResultLines.key(r), lines.size());
        if (before != null && lines.get(before).file() == file) {
            lines.set(before, null);
            superseded++;
        }
        lines.add(new Line(r.target(), r.port(), r.sni(), r.origin(), file, start, bytes.size()));
    }

    /** {@code host:port} as {@link io.tlsweep.input.Shard} hashes it: lower case, no trailing dot. */
    private static String endpoint(ResultJson r) {
        String host = r.host() != null ? r.host() : String.valueOf(r.target());
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + r.port();
    }

    /** Endpoints found in more than one input (the first few named), each as one sentence. */
    public List<String> overlaps() {
        List<String> out = new ArrayList<>(overlaps);
        if (overlapCount > overlaps.size()) {
            out.add("and " + (overlapCount - overlaps.size()) + " more endpoint(s) in two inputs");
        }
        return out;
    }

    /** Lines skipped as not results (truncated or otherwise). */
    public int skipped() {
        return skipped;
    }

    /** Result lines to merge: one per endpoint. */
    public int size() {
        return lines.size() - superseded;
    }

    /** Lines left out because a later line of the same endpoint in the same input replaces them. */
    public int superseded() {
        return superseded;
    }

    /** Writes every indexed line, in order, each followed by a newline. */
    public void writeSorted(OutputStream out) throws IOException {
        List<Line> sorted = new ArrayList<>(size());
        lines.stream().filter(java.util.Objects::nonNull).forEach(sorted::add);
        sorted.sort(ORDER);
        List<FileChannel> channels = new ArrayList<>();
        try {
            for (Path file : files) {
                channels.add(FileChannel.open(file, StandardOpenOption.READ));
            }
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (Line line : sorted) {
                if (buffer.capacity() < line.length()) {
                    buffer = ByteBuffer.allocate(line.length());
                }
                buffer.clear().limit(line.length());
                FileChannel channel = channels.get(line.file());
                long position = line.offset();
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        throw new IOException(files.get(line.file()) + " changed while it was merged");
                    }
                    position += n;
                }
                out.write(buffer.array(), 0, line.length());
                out.write('\n');
            }
        } finally {
            for (FileChannel channel : channels) {
                channel.close();
            }
        }
    }
}
