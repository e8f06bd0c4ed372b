package io.tlsweep.policy;

import io.tlsweep.cert.CertificateFacts;
import io.tlsweep.cert.CertificateReader;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the rules look at, read once from a scan result: the versions accepted, the suites of each, the groups,
 * the DHE prime sizes and the leaf certificate.
 *
 * @param versions   the versions accepted, oldest first
 * @param suites     for each accepted version, its accepted suites
 * @param incomplete the versions whose suite enumeration was cut short: a suite rule they pass is unproven
 * @param groups     every key-exchange group accepted, in any version
 * @param dhBits     for each version whose ServerKeyExchange showed a DHE prime, its size
 * @param leaf       the leaf certificate, when one was served and parsed
 */
record ScannedFacts(List<ProtocolVersion> versions, Map<ProtocolVersion, List<CipherSuite>> suites,
        List<ProtocolVersion> incomplete, List<NamedGroup> groups, Map<ProtocolVersion, Integer> dhBits,
        Optional<CertificateFacts> leaf) {

    static ScannedFacts of(TargetResult result) {
        Map<ProtocolVersion, List<CipherSuite>> suites = new LinkedHashMap<>();
        List<ProtocolVersion> incomplete = new ArrayList<>();
        Set<NamedGroup> groups = new LinkedHashSet<>(result.groups());
        Map<ProtocolVersion, Integer> dh = new LinkedHashMap<>();
        for (ProtocolSupport p : result.protocols()) {
            suites.put(p.version(), p.cipherSuites());
            if (!p.complete()) {
                incomplete.add(p.version());
            }
            groups.addAll(p.groups());
            p.dhPrimeBits().ifPresent(bits -> dh.put(p.version(), bits));
        }
        Optional<CertificateFacts> leaf = result.certificateChain().isEmpty() ? Optional.empty()
                : Optional.of(CertificateReader.read(result.certificateChain().get(0)))
                        .filter(CertificateFacts.class::isInstance).map(CertificateFacts.class::cast);
        return new ScannedFacts(List.copyOf(suites.keySet()), suites, incomplete, List.copyOf(groups), dh, leaf);
    }

    /**
     * Each accepted suite that {@code bad} picks, with the versions it was accepted in:
     * {@code TLS_RSA_WITH_RC4_128_SHA in TLSv1.0, TLSv1.2}, plus {@code why} after the name when it says something.
     */
    List<String> suitesWhere(java.util.function.Predicate<CipherSuite> bad,
            java.util.function.Function<CipherSuite, String> why) {
        Map<CipherSuite, List<String>> seenIn = new LinkedHashMap<>();
        suites.forEach((version, list) -> list.stream().filter(bad).forEach(s ->
                seenIn.computeIfAbsent(s, k -> new ArrayList<>()).add(version.displayName())));
        return seenIn.entrySet().stream().map(e -> {
            String detail = why.apply(e.getKey());
            return e.getKey().ianaName() + (detail.isEmpty() ? "" : " (" + detail + ")") + " in "
                    + String.join(", ", e.getValue());
        }).collect(Collectors.toList());
    }
}
