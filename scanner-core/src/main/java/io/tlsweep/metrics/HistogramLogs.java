package io.tlsweep.metrics;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Combines HdrHistogram logs as {@link ScanMetrics#writeLog} writes them (one tagged interval per series,
 * values in microseconds) into one log with one interval per tag. The merge is exact: every histogram of a
 * tag, over all logs, is added bucket by bucket ({@link Histogram#add}), so percentiles of the merged log are
 * those of one run that recorded all the values. Each merged interval spans the earliest start and the
 * latest end of the intervals it adds up, and the log's start time is the earliest of all.
 */
public final class HistogramLogs {
    /** As {@link ScanMetrics}: the interval lines show the max in milliseconds, values stay microseconds. */
    private static final double MICROS_PER_MILLI = 1e3;
    private static final String UNTAGGED = "untagged";

    private HistogramLogs() {
    }

    /**
     * Merges the logs, in the order given, and writes the result to {@code out} (flushed, not closed).
     * Tags keep the order in which they first appear. An interval without a tag counts as tag "untagged".
     *
     * @return the merged histograms by tag, as written
     * @throws UncheckedIOException when a log cannot be read
     * @throws IllegalArgumentException when a log is not a histogram log, or holds a histogram that is not an
     *     integer {@link Histogram}
     */
    public static Map<String, Histogram> merge(List<Path> logs, OutputStream out) {
        Map<String, Histogram> byTag = new LinkedHashMap<>();
        for (Path log : logs) {
            try (InputStream in = Files.newInputStream(log)) {
                addAll(in, log.toString(), byTag);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log, e);
            }
        }
        write(byTag, out);
        return Collections.unmodifiableMap(byTag);
    }

    /**
     * The next interval of a log, or null at its end.
     *
     * @throws IllegalArgumentException naming the log when a line is not an interval HdrHistogram can read.
     *     {@link HistogramLogReader} reports any problem in a line (a bad number, a payload that is not a
     *     compressed histogram, a count array that does not fit) as a RuntimeException: it catches whatever a
     *     line throws and rethrows it so. That, and only that, is turned into this.
     */
    public static EncodableHistogram next(HistogramLogReader reader, String name) {
        try {
            return reader.nextIntervalHistogram();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": not a histogram log: " + e.getMessage(), e);
        }
    }

    /** Adds every interval of one log into {@code byTag}, creating a sum per new tag. */
    static void addAll(InputStream log, String name, Map<String, Histogram> byTag) {
        HistogramLogReader reader = new HistogramLogReader(log);
        EncodableHistogram next;
        while ((next = next(reader, name)) != null) {
            if (!(next instanceof Histogram h)) {
                throw new IllegalArgumentException(name + ": a " + next.getClass().getSimpleName()
                        + " interval; only integer histograms (as tlsweep writes) can be merged");
            }
            String tag = h.getTag() == null ? UNTAGGED : h.getTag();
            Histogram sum = byTag.computeIfAbsent(tag, t -> empty(t, h));
            sum.add(h);
            sum.setStartTimeStamp(Math.min(sum.getStartTimeStamp(), h.getStartTimeStamp()));
            sum.setEndTimeStamp(Math.max(sum.getEndTimeStamp(), h.getEndTimeStamp()));
        }
    }

    /** An auto-resizing histogram of the same precision as {@code like}, so adding keeps every bucket. */
    private static Histogram empty(String tag, Histogram like) {
        Histogram sum = new Histogram(like.getLowestDiscernibleValue(), like.getHighestTrackableValue(),
                like.getNumberOfSignificantValueDigits());
        sum.setAutoResize(true);
        sum.setTag(tag);
        sum.setStartTimeStamp(Long.MAX_VALUE);
        sum.setEndTimeStamp(Long.MIN_VALUE);
        return sum;
    }

    /** Writes the histograms as ScanMetrics does: version, start time, base time, legend, one line per tag. */
    static void write(Map<String, Histogram> byTag, OutputStream out) {
        long start = byTag.values().stream().mapToLong(Histogram::getStartTimeStamp).min()
                .orElse(System.currentTimeMillis());
        HistogramLogWriter writer = new HistogramLogWriter(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller owns the stream
            }
        });
        writer.outputLogFormatVersion();
        writer.outputComment("tlsweep: merged, one interval per tag");
        writer.outputStartTime(start);
        writer.setBaseTime(start);
        writer.outputLegend();
        byTag.forEach((tag, h) -> {
            if (h.getTotalCount() > 0) {
                writer.outputIntervalHistogram((h.getStartTimeStamp() - start) / 1000.0,
                        (h.getEndTimeStamp() - start) / 1000.0, h, MICROS_PER_MILLI);
            }
        });
        writer.close();
    }
}
