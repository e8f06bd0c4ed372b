package io.tlsweep.cli;

import io.tlsweep.run.SettingValues;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked where they are parsed, so a value out of range is a usage error (exit 2) in the user's
 * words: "Invalid value for option '--concurrency': 0: must be at least 1". The limits are
 * {@link SettingValues}, which a sweep configuration's settings are held to as well.
 */
final class Bounds {
    private static final long MAX_MILLIS = SettingValues.MAX_MILLIS;

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

    /** A number of things to do, at least 1 ({@code bench --count}). */
    static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return check(parseLong(value), 1, Long.MAX_VALUE, "");
        }
    }

    /** A time in seconds with a fraction, more than 0, at most 24 days ({@code bench --duration}). */
    static final class PositiveSeconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double s = parseSeconds(value);
            if (s <= 0) {
                throw new TypeConversionException(value + " s: must be more than 0 s");
            }
            return s;
        }
    }

    /** A time in seconds with a fraction, 0 or more, at most 24 days ({@code bench --warmup}: 0 = none). */
    static final class NotNegativeSeconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double s = parseSeconds(value);
            if (s < 0) {
                throw new TypeConversionException(value + " s: must be 0 (none) or more");
            }
            return s;
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

    /** {@link SettingValues#within}, as a picocli conversion error. */
    private static long check(long value, long min, long max, String unit) {
        try {
            return SettingValues.within(value, min, max, unit);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static double parseSeconds(String value) {
        double s;
        try {
            s = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(value + ": not a number of seconds");
        }
        if (!Double.isFinite(s) || s > MAX_MILLIS / 1000.0) {
            throw new TypeConversionException(value + " s: must be at most " + MAX_MILLIS / 1000 + " s");
        }
        return s;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(value + ": not a whole number");
        }
    }
}
