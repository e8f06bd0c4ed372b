package io.tlsweep.probe;

import io.tlsweep.prelude.http.HttpRequest;
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
 * @param httpPath the path the HTTP authentication check asks of web endpoints besides {@code /} ({@code
 *     --http-path}); {@code /} asks only that
 */
public record ScanOptions(List<ProtocolVersion> versions, boolean enumerateSuites, boolean checkOrder,
        boolean enumerateGroups, CheckSelection checks, String httpPath) {

    public ScanOptions {
        Objects.requireNonNull(checks, "checks");
        HttpRequest.checkPath(httpPath);
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

    /** Asking web endpoints for {@code /} only. */
    public ScanOptions(List<ProtocolVersion> versions, boolean enumerateSuites, boolean checkOrder,
            boolean enumerateGroups, CheckSelection checks) {
        this(versions, enumerateSuites, checkOrder, enumerateGroups, checks, HttpRequest.DEFAULT_PATH);
    }

    /** With the optional checks that are on by default. */
    public ScanOptions(List<ProtocolVersion> versions, boolean enumerateSuites, boolean checkOrder,
            boolean enumerateGroups) {
        this(versions, enumerateSuites, checkOrder, enumerateGroups, CheckSelection.DEFAULT);
    }

    /** These options, running the optional checks {@code selection} names. */
    public ScanOptions checks(CheckSelection selection) {
        return new ScanOptions(versions, enumerateSuites, checkOrder, enumerateGroups, selection, httpPath);
    }

    /** These options, asking web endpoints for {@code path} besides {@code /}. */
    public ScanOptions httpPath(String path) {
        return new ScanOptions(versions, enumerateSuites, checkOrder, enumerateGroups, checks, path);
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
