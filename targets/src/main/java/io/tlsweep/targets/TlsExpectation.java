package io.tlsweep.targets;

import io.tlsweep.targets.cert.CertificateFacts;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The facts of a well-behaved target, derived from its spec by the farm's acceptance rules and
 * checked against real handshakes by the module's tests; or of the scripted legacy server
 * ({@link TlsStack#SCRIPTED}), straight from its {@link ScriptedTargetSpec#accepted()}.
 *
 * @param perVersion one entry per accepted version, oldest first; versions absent here are refused
 * @param groups     configured key exchange groups, empty when the stack default applies
 */
public record TlsExpectation(TlsStack stack, List<VersionFacts> perVersion, Optional<SniRequirement> sni,
                             CertificateFacts certificate, List<String> groups) implements Expectation {

    public TlsExpectation {
        perVersion = List.copyOf(perVersion);
        groups = List.copyOf(groups);
    }

    public List<TlsVersion> versions() {
        return perVersion.stream().map(VersionFacts::version).toList();
    }

    /** Facts for one version, empty when the version is refused. */
    public Optional<VersionFacts> at(TlsVersion version) {
        return perVersion.stream().filter(v -> v.version() == version).findFirst();
    }

    /** The suites accepted at {@code version}; empty when the version is refused. */
    public List<Suite> suitesAt(TlsVersion version) {
        return at(version).map(VersionFacts::suites).orElse(List.of());
    }

    @Override
    public String summary() {
        if (stack == TlsStack.SCRIPTED) {
            return "scripted legacy server (not a real TLS stack: the real ones here refuse these suites) "
                    + perVersion.stream().map(v -> v.version().label() + v.suites() + " " + v.order() + " order")
                    .collect(Collectors.joining(" ")) + " cert: " + certificate.summary();
        }
        String versions = perVersion.stream()
                .map(v -> v.version().label() + "[" + v.suites().size() + " suites, " + v.order() + "]")
                .collect(Collectors.joining(" "));
        return versions + sni.map(s -> " SNI=" + s.serverName()).orElse("") + " cert: " + certificate.summary();
    }
}
