package io.tlsweep.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked where they are parsed, so a value out of range is a usage error (exit 2) in the user's
 * words: "Invalid value for option '--concurrency': 0: must be at least 1". The same limits apply to the
 * settings of a sweep configuration ({@link #check}).
 */
final class Bounds {
    /** Timeouts: at most 24 days, what a scheduled timer can hold. */
    static final long MAX_MILLIS = 24L * 24 * 3600 * 1000;

    private Bounds() {
    }

    /** A count of at least 1: connections, concurrency. */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) check(parseLong(value), 1, Integer.MAX_VALUE, "");
        }
    }

    /** A time in milliseconds, from 1 ms to 24 days. */
    static final class Millis implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return check(parseLong(value), 1, MAX_MILLIS, " ms");
        }
    }

    /** A time in seconds, from 1 s to 24 days. */
    static final class Seconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return check(parseLong(value), 1, MAX_MILLIS / 1000, " s");
        }
    }

    /** A count that may be 0: days, a rate where 0 means "no limit". */
    static final class NotNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) check(parseLong(value), 0, Integer.MAX_VALUE, "");
        }
    }

    /** A rate per second; 0 means no limit. */
    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double rate;
            try {
                rate = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException(value + ": not a number");
            }
            if (!Double.isFinite(rate) || rate < 0) {
                throw new TypeConversionException(value + ": must be 0 (no limit) or a positive number per second");
            }
            return rate;
        }
    }

    /**
     * {@code value} when it lies in [min, max]; otherwise the message says the range in the unit given.
     *
     * @throws TypeConversionException with "VALUE: must be at least MIN" or "... at most MAX"
     */
    static long check(long value, long min, long max, String unit) {
        if (value < min) {
            throw new TypeConversionException(value + unit + ": must be at least " + min + unit);
        }
        if (value > max) {
            throw new TypeConversionException(value + unit + ": must be at most " + max + unit);
        }
        return value;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(value + ": not a whole number");
        }
    }
}
