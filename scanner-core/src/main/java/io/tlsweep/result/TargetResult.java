package io.tlsweep.result;

import io.tlsweep.target.Target;
import io.tlsweep.wire.NamedGroup;
import java.util.List;
import java.util.Optional;

/**
 * Everything learnt about one endpoint. Immutable; reports are views of it.
 *
 * @param address the IP address connected to, if resolution got that far
 * @param failure why the target is not {@link ScanStatus#OK}; for OK targets the failure that cut a
 *     partial scan short, if any
 * @param protocols the versions accepted, oldest first
 * @param groups key-exchange groups, from the newest version that was probed for them
 * @param certificateChain the chain (DER, leaf first) seen in a TLS ≤ 1.2 first flight
 * @param ocspStapled whether a TLS ≤ 1.2 first flight carried an OCSP response (CertificateStatus)
 * @param notes anomalies worth an operator's eye (a suite chosen that was not offered, a version
 *     silently dropped, a retry)
 * @param connections connections opened for this target, retries included
 */
public record TargetResult(Target target, Optional<String> address, ScanStatus status, Optional<Failure> failure,
        List<ProtocolSupport> protocols, List<NamedGroup> groups, List<byte[]> certificateChain, boolean ocspStapled,
        List<String> notes, int connections, long elapsedMillis) {
    public TargetResult {
        protocols = List.copyOf(protocols);
        groups = List.copyOf(groups);
        certificateChain = List.copyOf(certificateChain);
        notes = List.copyOf(notes);
    }
}
