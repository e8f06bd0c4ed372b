package io.tlsweep.report.prometheus;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Time to first reply of the hellos offering one version, all outcome classes together: how many were timed
 * and the 0.5, 0.9, 0.99 and 0.999 quantiles in seconds, as HdrHistogram computes them from the microsecond
 * histograms of the run's latency log.
 */
public record FirstReplyQuantiles(long count, double p50Seconds, double p90Seconds, double p99Seconds,
        double p999Seconds) {

    /** The quantiles exported, as fractions (the Prometheus {@code quantile} label values). */
    public static final List<Double> QUANTILES = List.of(0.5, 0.9, 0.99, 0.999);

    private static final double MICROS_PER_SECOND = 1e6;

    public FirstReplyQuantiles {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    /** The quantiles of a histogram of microseconds; all zero when it is empty. */
    public static FirstReplyQuantiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new FirstReplyQuantiles(0, 0, 0, 0, 0);
        }
        return new FirstReplyQuantiles(micros.getTotalCount(), seconds(micros, 50), seconds(micros, 90),
                seconds(micros, 99), seconds(micros, 99.9));
    }

    /** The values in the order of {@link #QUANTILES}. */
    public List<Double> values() {
        return List.of(p50Seconds, p90Seconds, p99Seconds, p999Seconds);
    }

    /** Percentiles are passed as written (99.9, not 0.999 * 100), as HdrHistogram is asked elsewhere. */
    private static double seconds(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / MICROS_PER_SECOND;
    }
}
