package io.tlsweep.probe;

import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Objects;

/**
 * What to find out about each target.
 *
 * @param versions the versions to probe
 * @param enumerateSuites find every accepted suite (otherwise stop at the first: a versions-only sweep)
 * @param checkOrder find whose preference order decides (needs the suites)
 * @param enumerateGroups find the accepted key-exchange groups (needs the suites)
 * @param checks which optional checks run after the scan ({@code --checks}, {@code --no-checks})
 */
public record ScanOptions(List<ProtocolVersion> versions, boolean enumerateSuites, boolean checkOrder,
        boolean enumerateGroups, CheckSelection checks) {

    public ScanOptions {
        Objects.requireNonNull(checks, "checks");
        versions = versions.stream().distinct().sorted().toList();
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one version to probe is needed");
        }
        for (ProtocolVersion v : versions) {
            if (!ProtocolVersion.HELLO_VERSIONS.contains(v)) {
                throw new IllegalArgumentException(v + " cannot be probed (SSLv3 to TLS 1.3 can)");
            }
        }
    }

    /** With the optional checks that are on by default. */
    public ScanOptions(List<ProtocolVersion> versions, boolean enumerateSuites, boolean checkOrder,
            boolean enumerateGroups) {
        this(versions, enumerateSuites, checkOrder, enumerateGroups, CheckSelection.DEFAULT);
    }

    /** These options, running the optional checks {@code selection} names. */
    public ScanOptions checks(CheckSelection selection) {
        return new ScanOptions(versions, enumerateSuites, checkOrder, enumerateGroups, selection);
    }

    /** Everything: every version, suite, order and group. */
    public static ScanOptions full() {
        return new ScanOptions(ProtocolVersion.HELLO_VERSIONS, true, true, true);
    }

    /** One accepted suite per version is enough: the cheap sweep. */
    public static ScanOptions versionsOnly() {
        return new ScanOptions(ProtocolVersion.HELLO_VERSIONS, false, false, false);
    }
}
