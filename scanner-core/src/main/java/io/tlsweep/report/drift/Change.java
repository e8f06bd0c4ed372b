package io.tlsweep.report.drift;

import java.util.Comparator;
import java.util.Objects;

/**
 * One change between two runs on one endpoint.
 *
 * @param driftClass what kind of change
 * @param endpoint the endpoint it happened on
 * @param detail the change in words: "TLSv1.0 enabled", "TLSv1.2: TLS_RSA_WITH_AES_128_CBC_SHA removed",
 *     "verdict ready → legacy-enabled"
 * @param oldValue the value in the old run, null when there is none to show (an enabled version)
 * @param newValue the value in the new run, null when there is none to show (a disabled version)
 */
public record Change(DriftClass driftClass, EndpointKey endpoint, String detail, String oldValue, String newValue)
        implements Comparable<Change> {
    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    /** By endpoint, then class order, then detail (old and new values break the last ties). */
    private static final Comparator<Change> ORDER = Comparator.comparing(Change::endpoint)
            .thenComparing(Change::driftClass).thenComparing(Change::detail, TEXT)
            .thenComparing(Change::oldValue, TEXT).thenComparing(Change::newValue, TEXT);

    public Change {
        Objects.requireNonNull(driftClass, "driftClass");
        Objects.requireNonNull(endpoint, "endpoint");
        detail = detail == null ? "" : detail;
    }

    @Override
    public int compareTo(Change o) {
        return ORDER.compare(this, o);
    }
}
