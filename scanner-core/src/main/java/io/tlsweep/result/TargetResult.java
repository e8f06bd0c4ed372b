package io.tlsweep.result;

import io.tlsweep.input.Target;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything learnt about one endpoint. Immutable; reports are views of it.
 *
 * @param address the IP address connected to, if resolution got that far
 * @param failure why the target is not {@link ScanStatus#OK}; for OK targets the failure that cut a
 *     partial scan short, if any
 * @param protocols the versions accepted, oldest first
 * @param refusals for each version probed and not accepted, how the server turned its first hello down
 *     (an alert, a reset, a ServerHello for a lower version...), oldest first
 * @param groups key-exchange groups, from the newest version that was probed for them
 * @param certificateChain the chain (DER, leaf first) seen in a first flight: the newest version's whose flight
 *     showed one (TLS 1.3's encrypted flight, read with the scan's own key share, else TLS 1.2's...)
 * @param ocspStapled whether a TLS ≤ 1.2 first flight carried an OCSP response (CertificateStatus)
 * @param notes anomalies worth an operator's eye (a suite chosen that was not offered, a version
 *     silently dropped, a retry)
 * @param profileHellos what each client profile's own hello got (the confirmation of the profile
 *     predictions), by profile id; empty when no profile hello was sent
 * @param connections connections opened for this target, retries included
 * @param inconsistencies answers that contradicted each other and could not be settled (then the status is
 *     {@link ScanStatus#INCONSISTENT}); empty otherwise
 * @param checks the parts the checks contributed, each under its check's key: where a new fact goes (the
 *     components above are the scan's, the profile confirmation's and the re-check's, kept as they were)
 * @param prelude on an endpoint that speaks a prelude before TLS ({@link Target#prelude()}), what the first
 *     connection that got far enough learned from it (the banner, whether STARTTLS was offered...); a fact about
 *     the endpoint itself, not about one check, so every check's connections say the same prelude
 * @param tls13Flight what the scan's TLS 1.3 flight showed once read to its end (the CertificateVerify scheme,
 *     whether its signature and Finished verify, how far it got); empty without an accepted TLS 1.3 hello
 */
public record TargetResult(Target target, Optional<String> address, ScanStatus status, Optional<Failure> failure,
        List<ProtocolSupport> protocols, Map<ProtocolVersion, Failure> refusals,
        List<NamedGroup> groups, List<byte[]> certificateChain, boolean ocspStapled,
        List<String> notes, Map<String, ProfileOutcome> profileHellos, int connections, long elapsedMillis,
        List<Inconsistency> inconsistencies, CheckParts checks, Optional<PreludeFacts> prelude,
        Optional<EncryptedFlight> tls13Flight) {
    public TargetResult {
        protocols = List.copyOf(protocols);
        refusals = Collections.unmodifiableMap(new TreeMap<>(refusals));
        groups = List.copyOf(groups);
        certificateChain = List.copyOf(certificateChain);
        notes = List.copyOf(notes);
        profileHellos = Collections.unmodifiableMap(new LinkedHashMap<>(profileHellos));
        inconsistencies = List.copyOf(inconsistencies);
        java.util.Objects.requireNonNull(checks, "checks");
        java.util.Objects.requireNonNull(prelude, "prelude");
        java.util.Objects.requireNonNull(tls13Flight, "tls13Flight");
    }

    /** A result without a TLS 1.3 flight read. */
    public TargetResult(Target target, Optional<String> address, ScanStatus status, Optional<Failure> failure,
            List<ProtocolSupport> protocols, Map<ProtocolVersion, Failure> refusals,
            List<NamedGroup> groups, List<byte[]> certificateChain, boolean ocspStapled,
            List<String> notes, Map<String, ProfileOutcome> profileHellos, int connections, long elapsedMillis,
            List<Inconsistency> inconsistencies, CheckParts checks, Optional<PreludeFacts> prelude) {
        this(target, address, status, failure, protocols, refusals, groups, certificateChain, ocspStapled, notes,
                profileHellos, connections, elapsedMillis, inconsistencies, checks, prelude, Optional.empty());
    }

    /** A result without prelude facts. */
    public TargetResult(Target target, Optional<String> address, ScanStatus status, Optional<Failure> failure,
            List<ProtocolSupport> protocols, Map<ProtocolVersion, Failure> refusals,
            List<NamedGroup> groups, List<byte[]> certificateChain, boolean ocspStapled,
            List<String> notes, Map<String, ProfileOutcome> profileHellos, int connections, long elapsedMillis,
            List<Inconsistency> inconsistencies, CheckParts checks) {
        this(target, address, status, failure, protocols, refusals, groups, certificateChain, ocspStapled, notes,
                profileHellos, connections, elapsedMillis, inconsistencies, checks, Optional.empty());
    }

    /** A result without check parts. */
    public TargetResult(Target target, Optional<String> address, ScanStatus status, Optional<Failure> failure,
            List<ProtocolSupport> protocols, Map<ProtocolVersion, Failure> refusals,
            List<NamedGroup> groups, List<byte[]> certificateChain, boolean ocspStapled,
            List<String> notes, Map<String, ProfileOutcome> profileHellos, int connections, long elapsedMillis,
            List<Inconsistency> inconsistencies) {
        this(target, address, status, failure, protocols, refusals, groups, certificateChain, ocspStapled, notes,
                profileHellos, connections, elapsedMillis, inconsistencies, CheckParts.NONE);
    }

    /** A result whose answers did not contradict each other. */
    public TargetResult(Target target, Optional<String> address, ScanStatus status, Optional<Failure> failure,
            List<ProtocolSupport> protocols, Map<ProtocolVersion, Failure> refusals,
            List<NamedGroup> groups, List<byte[]> certificateChain, boolean ocspStapled,
            List<String> notes, Map<String, ProfileOutcome> profileHellos, int connections, long elapsedMillis) {
        this(target, address, status, failure, protocols, refusals, groups, certificateChain, ocspStapled, notes,
                profileHellos, connections, elapsedMillis, List.of());
    }

    /** This result with {@code parts} as its check parts. */
    public TargetResult withChecks(CheckParts parts) {
        return new TargetResult(target, address, status, failure, protocols, refusals, groups, certificateChain,
                ocspStapled, notes, profileHellos, connections, elapsedMillis, inconsistencies, parts, prelude,
                tls13Flight);
    }

    /** This result with {@code facts} as what its prelude learned. */
    public TargetResult withPrelude(Optional<PreludeFacts> facts) {
        return new TargetResult(target, address, status, failure, protocols, refusals, groups, certificateChain,
                ocspStapled, notes, profileHellos, connections, elapsedMillis, inconsistencies, checks, facts,
                tls13Flight);
    }

    /** This result with {@code flight} as what its TLS 1.3 flight showed. */
    public TargetResult withTls13Flight(Optional<EncryptedFlight> flight) {
        return new TargetResult(target, address, status, failure, protocols, refusals, groups, certificateChain,
                ocspStapled, notes, profileHellos, connections, elapsedMillis, inconsistencies, checks, prelude, flight);
    }
}
