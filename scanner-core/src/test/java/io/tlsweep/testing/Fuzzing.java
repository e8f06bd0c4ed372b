package io.tlsweep.testing;

/** What the fuzz tests ({@code @FuzzTest}, tag "fuzz") share. */
public final class Fuzzing {
    /**
     * How long a fuzz test fuzzes when started outside Maven (an IDE with {@code JAZZER_FUZZ=1}). The build's
     * fuzz execution gives libFuzzer {@code -max_total_time=${fuzz.seconds}}, which wins over it, and
     * {@code benchmarks/scripts/fuzz.sh} a longer one.
     */
    public static final String SHORT_RUN = "3s";

    private Fuzzing() {
    }
}
