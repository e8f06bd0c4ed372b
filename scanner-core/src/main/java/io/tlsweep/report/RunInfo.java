package io.tlsweep.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a report says about the run it shows: when it started, how long it took, which tlsweep made it and
 * with which command line.
 */
public record RunInfo(Instant started, Duration duration, String tlsweepVersion, String commandLine) {
    public RunInfo {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        tlsweepVersion = tlsweepVersion == null ? "" : tlsweepVersion;
        commandLine = commandLine == null ? "" : commandLine;
    }
}
