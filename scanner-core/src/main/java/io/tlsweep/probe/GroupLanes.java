package io.tlsweep.probe;

import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where and when the groups are enumerated, each in a lane of its own beside its version's lane. TLS ≤ 1.2 groups
 * are enumerated once, on the newest legacy version that accepted ECDHE, as soon as that is known: the version
 * accepted an ECDHE suite and every newer legacy version finished without one. TLS 1.3's groups start beside its
 * lane once it accepted a suite.
 */
final class GroupLanes {
    private final ScanOptions options;
    private final List<VersionLane> beside = new ArrayList<>();
    private boolean legacyDecided;
    private ProtocolVersion legacyOn;

    GroupLanes(ScanOptions options) {
        this.options = options;
    }

    /** The group lanes running or finished. */
    List<VersionLane> lanes() {
        return beside;
    }

    /** Starts what may start now, given the version lanes (newest first). */
    void decide(Map<ProtocolVersion, VersionLane> lanes) {
        Optional.ofNullable(lanes.get(ProtocolVersion.TLSv1_3)).filter(l -> !l.evidence.accepted.isEmpty())
                .flatMap(VersionLane::groupsBeside).ifPresent(beside::add);
        if (legacyDecided || !options.enumerateGroups() || !options.enumerateSuites()) {
            return;
        }
        for (VersionLane lane : lanes.values()) {
            if (lane.evidence.version.equals(ProtocolVersion.TLSv1_3)) {
                continue;
            }
            if (lane.evidence.accepted.stream().anyMatch(s -> s.keyExchange() == KeyExchange.ECDHE)) {
                lane.groupsBeside().ifPresent(g -> {
                    beside.add(g);
                    legacyDecided = true;
                    legacyOn = lane.evidence.version;
                });
                return;
            }
            if (!lane.finished()) {
                return;
            }
        }
        legacyDecided = true;
    }

    /**
     * {@code version} is probed again from the start: its group lane goes, and when the legacy groups were on it or
     * an older version, they are decided again (the ones found on the older version dropped).
     */
    void probedAgain(ProtocolVersion version, Map<ProtocolVersion, VersionLane> lanes) {
        beside.removeIf(l -> l.evidence.version.equals(version));
        if (!version.equals(ProtocolVersion.TLSv1_3) && (legacyOn == null || version.compareTo(legacyOn) >= 0)) {
            if (legacyOn != null && !legacyOn.equals(version)) {
                ProtocolVersion was = legacyOn;
                lanes.get(was).dropGroups();
                beside.removeIf(l -> l.evidence.version.equals(was));
            }
            legacyOn = null;
            legacyDecided = false;
        }
    }
}
