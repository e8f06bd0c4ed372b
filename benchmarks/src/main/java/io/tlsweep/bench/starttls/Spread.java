package io.tlsweep.bench.starttls;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The median of some measurements and their range: with a handful of rounds the range is the honest spread.
 * The median of an even count is the mean of the two middle values.
 */
public record Spread(double median, double min, double max, int count) {

    /** @throws IllegalArgumentException for no values, or a value that is not a finite number */
    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (Arrays.stream(sorted).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("not a finite number among " + values);
        }
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** How many times this median is {@code other}'s. */
    public double ratioTo(Spread other) {
        return median / other.median;
    }

    /** {@code 1.23 (1.20–1.31)} with {@code decimals} places; one value alone without its range. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return count == 1 ? String.format(Locale.ROOT, f, median)
                : String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median, min, max);
    }
}
