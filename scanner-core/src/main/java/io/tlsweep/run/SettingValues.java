package io.tlsweep.run;

import io.tlsweep.wire.ProtocolVersion;

/**
 * The values a run's settings may take, checked alike where a command-line option is parsed and where a sweep
 * file's key is read, so both say the same in the same words: "0 ms: must be at least 1 ms".
 */
public final class SettingValues {
    /** Timeouts: at most 24 days, what a scheduled timer can hold. */
    public static final long MAX_MILLIS = 24L * 24 * 3600 * 1000;
    /**
     * The most distinct endpoints a run scans unless told: a /16 on one port, or a /20 on 16 ports, the largest
     * sweep that is usually meant. A /8 typed for a /24 is 16,777,216 targets and an IPv4 /0 4,294,967,296; both
     * are refused until raised.
     */
    public static final long DEFAULT_MAX_TARGETS = 65_536;

    private SettingValues() {
    }

    /**
     * {@code value} when it lies in [min, max].
     *
     * @param unit the unit as the message shows it after a number (" ms", " s", or "")
     * @throws IllegalArgumentException "VALUE: must be at least MIN" or "... at most MAX", in the unit given
     */
    public static long within(long value, long min, long max, String unit) {
        if (value < min) {
            throw new IllegalArgumentException(value + unit + ": must be at least " + min + unit);
        }
        if (value > max) {
            throw new IllegalArgumentException(value + unit + ": must be at most " + max + unit);
        }
        return value;
    }

    /**
     * A version a hello can offer, from "TLSv1.2", "tls1.2", "1.2", "SSLv3".
     *
     * @throws IllegalArgumentException naming the versions there are
     */
    public static ProtocolVersion helloVersion(String value) {
        return ProtocolVersion.parse(value).filter(ProtocolVersion.HELLO_VERSIONS::contains)
                .orElseThrow(() -> new IllegalArgumentException("unknown protocol version '" + value
                        + "' (expected SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3)"));
    }
}
