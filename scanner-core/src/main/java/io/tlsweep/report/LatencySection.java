package io.tlsweep.report;

import io.tlsweep.metrics.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latency part of report.html: for every series in the histogram log, p50/p90/p99/p99.9/max as bars on
 * one logarithmic scale (so series compare at a glance), first-reply series first.
 */
final class LatencySection {
    private static final String[] NAMES = {"p50", "p90", "p99", "p99.9", "max"};
    private static final String[] COLORS = {"#1565c0", "#1e88e5", "#42a5f5", "#90caf9", "#b0bec5"};

    private LatencySection() {
    }

    static void write(Html h, Latency latency) {
        h.element("h2", "Latency");
        Map<String, Percentiles> series = latency.percentiles();
        if (series.isEmpty()) {
            h.element("p", "No latency histograms were given (no .hlog beside the results), so no latency is"
                    + " shown.", "class", "note", "id", "latency-none");
            return;
        }
        h.element("p", "Time from connect start to the first byte of the reply (first-reply) and to the"
                + " established connection (connect), per highest offered version and outcome. Bars share one"
                + " logarithmic scale.", "class", "note");
        double max = series.values().stream().mapToLong(Percentiles::max).max().orElse(0);
        h.open("table", "id", "latency").headerRow("Series", "Count", "Percentiles");
        for (Map.Entry<String, Percentiles> e : series.entrySet()) {
            Percentiles p = e.getValue();
            long[] values = {p.p50(), p.p90(), p.p99(), p.p999(), p.max()};
            List<SvgBars.Bar> bars = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                bars.add(new SvgBars.Bar(NAMES[i], values[i], millis(values[i]), COLORS[i]));
            }
            h.open("tr", "id", Html.id("latency-", e.getKey())).element("td", e.getKey()).element("td", p.count())
                    .open("td");
            SvgBars.draw(h, e.getKey(), bars, max, true, 60);
            h.close("td").close("tr");
        }
        h.close("table");
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
