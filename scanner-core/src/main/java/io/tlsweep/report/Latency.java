package io.tlsweep.report;

import io.tlsweep.metrics.HistogramLogs;
import io.tlsweep.metrics.Percentiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Latency histograms read back from an HdrHistogram log as {@code ScanMetrics} writes it: one histogram per
 * tag ({@code first-reply/TLSv1.2/hello}), intervals with the same tag added up. Values are microseconds.
 */
public final class Latency {
    private static final Latency NONE = new Latency(Map.of());

    private final Map<String, Histogram> byTag;

    private Latency(Map<String, Histogram> byTag) {
        this.byTag = byTag;
    }

    /** No histograms: reports say latency was not recorded. */
    public static Latency none() {
        return NONE;
    }

    /** Histograms by tag, copied; ordered for reports (first-reply before connect, then version, outcome). */
    public static Latency of(Map<String, Histogram> byTag) {
        Map<String, Histogram> sorted = new TreeMap<>(Latency::compareTags);
        byTag.forEach((tag, h) -> sorted.put(tag, h.copy()));
        return new Latency(Collections.unmodifiableMap(sorted));
    }

    /** As {@link #read(InputStream, String)}, for a log with no name to give in a message. */
    public static Latency read(InputStream hlog) {
        return read(hlog, "latency log");
    }

    /**
     * Reads every interval histogram of a log; untagged ones are kept under "untagged".
     *
     * @throws IllegalArgumentException when it is not a histogram log, naming it as {@code name}
     */
    public static Latency read(InputStream hlog, String name) {
        HistogramLogReader reader = new HistogramLogReader(hlog);
        Map<String, Histogram> byTag = new LinkedHashMap<>();
        EncodableHistogram next;
        while ((next = HistogramLogs.next(reader, name)) != null) {
            if (next instanceof Histogram h) {
                String tag = h.getTag() == null ? "untagged" : h.getTag();
                byTag.merge(tag, h, (a, b) -> {
                    a.add(b);
                    return a;
                });
            }
        }
        return of(byTag);
    }

    /**
     * The log at {@code path}, or {@link #none()} if there is no such file.
     *
     * @throws IllegalArgumentException when the file is not a histogram log (the message names it)
     */
    public static Latency readIfPresent(Path path) {
        if (!Files.isRegularFile(path)) {
            return none();
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** As {@link #readIfPresent}, but a file that is not a histogram log goes to {@code errors} as none. */
    public static Latency readIfPresent(Path path, Consumer<String> errors) {
        try {
            return readIfPresent(path);
        } catch (IllegalArgumentException e) {
            errors.accept(e.getMessage() + "; the reports leave latency out");
            return none();
        }
    }

    public boolean isEmpty() {
        return byTag.isEmpty();
    }

    public Map<String, Histogram> histograms() {
        return byTag;
    }

    /** Percentiles of every non-empty series, in report order. */
    public Map<String, Percentiles> percentiles() {
        Map<String, Percentiles> out = new LinkedHashMap<>();
        byTag.forEach((tag, h) -> {
            if (h.getTotalCount() > 0) {
                out.put(tag, new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50),
                        h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                        h.getMaxValue()));
            }
        });
        return out;
    }

    /** first-reply before connect, then by version name, then hello before alert before the rest. */
    static int compareTags(String a, String b) {
        return Comparator.<String, Integer>comparing(t -> part(t, 0).equals("first-reply") ? 0 : 1)
                .thenComparing(t -> part(t, 0))
                .thenComparing(t -> part(t, 1))
                .thenComparing(t -> switch (part(t, 2)) {
                    case "hello" -> 0;
                    case "alert" -> 1;
                    default -> 2;
                })
                .thenComparing(Comparator.naturalOrder())
                .compare(a, b);
    }

    private static String part(String tag, int i) {
        String[] parts = tag.split("/", -1);
        return i < parts.length ? parts[i] : "";
    }
}
