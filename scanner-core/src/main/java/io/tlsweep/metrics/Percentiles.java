package io.tlsweep.metrics;

import org.HdrHistogram.Histogram;

/** Percentiles of one series, in microseconds; all zero when nothing was recorded. */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {

    static Percentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
