package io.tlsweep.report;

import io.tlsweep.metrics.Percentiles;
import java.util.Locale;
import java.util.Map;

/**
 * The latency part of report.html, short whatever the number of series: one chart (per series a bar from p50 to
 * p99 on one logarithmic axis, so series compare at a glance) and the percentiles per series in one table folded in
 * a {@code <details>} (its summary printed when folded; no script). Series come in the histogram log's order.
 */
final class LatencySection {
    private static final int LABEL_WIDTH = 230;
    private static final int PLOT_WIDTH = 430;
    private static final int VALUE_WIDTH = 200;
    private static final int ROW = 16;
    private static final int AXIS = 22;

    private LatencySection() {
    }

    static void write(Html h, Latency latency) {
        h.open("section", "id", "latency-section").element("h2", "Latency");
        Map<String, Percentiles> series = latency.percentiles();
        if (series.isEmpty()) {
            h.element("p", "No latency histograms were given (no .hlog beside the results), so no latency is"
                    + " shown.", "class", "note", "id", "latency-none");
            h.close("section");
            return;
        }
        h.element("p", "Time from connect start to the first byte of the reply (first-reply) and to the"
                + " established connection (connect), per highest offered version and outcome: each bar runs from"
                + " the median (p50, the mark) to p99, on one logarithmic scale.", "class", "note");
        chart(h, series);
        h.open("details", "id", "latency-details").element("summary", "Percentiles of the " + series.size()
                + " series (count, p50, p90, p99, p99.9, max)");
        h.open("table", "id", "latency").headerRow("Series", "Count", "p50", "p90", "p99", "p99.9", "max");
        for (Map.Entry<String, Percentiles> e : series.entrySet()) {
            Percentiles p = e.getValue();
            h.open("tr", "id", Html.id("latency-", e.getKey())).element("td", e.getKey()).element("td", p.count());
            for (long v : new long[] {p.p50(), p.p90(), p.p99(), p.p999(), p.max()}) {
                h.element("td", millis(v), "class", "num");
            }
            h.close("tr");
        }
        h.close("table").close("details").close("section");
    }

    /** One SVG for every series: a bar from p50 to p99 with a mark at p50, both written beside it. */
    private static void chart(Html h, Map<String, Percentiles> series) {
        long low = Math.max(1, series.values().stream().mapToLong(Percentiles::p50).filter(v -> v > 0).min()
                .orElse(1));
        long high = Math.max(low * 10, series.values().stream().mapToLong(Percentiles::p99).max().orElse(1));
        double from = Math.floor(Math.log10(low));
        double to = Math.ceil(Math.log10(high));
        int height = series.size() * ROW + AXIS + 4;
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", width, "height", height, "viewBox",
                "0 0 " + width + " " + height, "role", "img", "class", "chart", "id", "latency-chart");
        h.element("title", "Latency p50 to p99 per series, logarithmic scale");
        for (int decade = (int) from; decade <= (int) to; decade++) {
            double x = LABEL_WIDTH + PLOT_WIDTH * (decade - from) / (to - from);
            h.open("line", "x1", fmt(x), "x2", fmt(x), "y1", 0, "y2", height - AXIS, "stroke", "#ddd").close("line");
            h.element("text", millis(Math.round(Math.pow(10, decade))), "x", fmt(x), "y", height - 6,
                    "text-anchor", "middle", "font-size", 11);
        }
        int y = 0;
        for (Map.Entry<String, Percentiles> e : series.entrySet()) {
            Percentiles p = e.getValue();
            double x50 = x(p.p50(), from, to);
            double x99 = x(p.p99(), from, to);
            h.element("text", e.getKey(), "x", LABEL_WIDTH - 8, "y", y + 12, "text-anchor", "end", "font-size", 12);
            h.open("rect", "x", fmt(x50), "y", y + 4, "width", fmt(Math.max(2, x99 - x50)), "height", ROW - 7,
                    "fill", e.getKey().startsWith("connect") ? "#90caf9" : "#1e88e5").close("rect");
            h.open("rect", "x", fmt(x50 - 1), "y", y + 1, "width", 2, "height", ROW - 2, "fill", "#0d47a1")
                    .close("rect");
            h.element("text", millis(p.p50()) + " – " + millis(p.p99()), "x", LABEL_WIDTH + PLOT_WIDTH + 8,
                    "y", y + 12, "font-size", 12);
            y += ROW;
        }
        h.close("svg");
    }

    private static double x(long micros, double from, double to) {
        double v = Math.log10(Math.max(1, micros));
        return LABEL_WIDTH + PLOT_WIDTH * Math.min(1, Math.max(0, (v - from) / (to - from)));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Microseconds as milliseconds: "0.412 ms", "12.3 ms", "1,204 ms". */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.3f ms", ms);
        }
        return ms < 100 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
    }
}
