package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.LocalDate;
import java.util.Objects;

/** Handshakes of one version on one day (UTC), over every endpoint. */
public record DailyCount(LocalDate day, ProtocolVersion version, long established, long failed) {
    public DailyCount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(version, "version");
    }
}
