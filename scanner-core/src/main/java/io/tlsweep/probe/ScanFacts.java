package io.tlsweep.probe;

import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What later checks read of a scan, from its versions' evidence: {@link TargetScan}'s read-only facts. */
final class ScanFacts {
    private ScanFacts() {
    }

    /** The versions accepted so far with what each accepts, oldest first. */
    static List<ProtocolSupport> accepted(Collection<VersionEvidence> evidence) {
        return evidence.stream().filter(e -> !e.accepted.isEmpty())
                .sorted(Comparator.comparing((VersionEvidence e) -> e.version)).map(VersionEvidence::toSupport)
                .toList();
    }

    /**
     * Whether a TLS ≤ 1.2 first flight of the scan carried an OCSP response (CertificateStatus): its hellos ask for
     * one with status_request, so a later check reads it here instead of asking again.
     */
    static boolean ocspStapled(Collection<VersionEvidence> evidence) {
        return evidence.stream().anyMatch(e -> e.ocspStapled);
    }

    /**
     * Per version up to TLS 1.2 whose ServerHellos the scan read (every version it found a suite accepted in), oldest
     * first: whether each of them carried renegotiation_info (RFC 5746) in answer to the hello's
     * TLS_EMPTY_RENEGOTIATION_INFO_SCSV; false when any did not.
     */
    static Map<ProtocolVersion, Boolean> renegotiationInfo(Collection<VersionEvidence> evidence) {
        Map<ProtocolVersion, Boolean> seen = new TreeMap<>();
        for (VersionEvidence e : evidence) {
            if (!e.version.atLeast(ProtocolVersion.TLSv1_3) && e.renegotiationInfo + e.noRenegotiationInfo > 0) {
                seen.put(e.version, e.noRenegotiationInfo == 0);
            }
        }
        return seen;
    }

    /**
     * The groups a version takes, in the server's order, when its group enumeration ran to its end (the server turned
     * a hello down, or named every group offered): every group of {@link HelloTemplates#groupsOffered} not among
     * them was refused. Empty when the enumeration did not run or was cut short.
     */
    static Optional<List<NamedGroup>> settledGroups(Optional<VersionEvidence> evidence) {
        return evidence.filter(e -> e.groupsSettled).map(e -> List.copyOf(e.groups));
    }

    /**
     * What the scan's TLS 1.3 flight showed once read with its own key share (the CertificateVerify scheme, whether
     * the signature verifies), when TLS 1.3 was accepted and a flight read: what later checks of TLS 1.3 build on.
     */
    static Optional<EncryptedFlight> tls13Flight(Collection<VersionEvidence> evidence) {
        return evidence.stream().filter(e -> e.version.equals(ProtocolVersion.TLSv1_3) && !e.accepted.isEmpty())
                .flatMap(e -> e.encrypted.stream()).findFirst();
    }
}
