package io.tlsweep.targets;

import io.tlsweep.targets.cert.CertificateFacts;
import io.tlsweep.targets.suite.SuiteCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The facts of a well-behaved target, derived from its spec by the farm's acceptance rules and
 * checked against real handshakes by the module's tests; or of the scripted legacy server
 * ({@link TlsStack#SCRIPTED}), straight from its {@link ScriptedTargetSpec#accepted()}.
 *
 * @param perVersion one entry per accepted version, oldest first; versions absent here are refused
 * @param groups     configured key exchange groups, empty when the stack default applies
 * @param quirks     the scripted server's size limits and off-version suites; {@link ScriptedQuirks#NONE} for
 *                   every real stack (the off-version pairs are in {@code perVersion} too, see {@link #offVersion()})
 */
public record TlsExpectation(TlsStack stack, List<VersionFacts> perVersion, Optional<SniRequirement> sni,
                             CertificateFacts certificate, List<String> groups, ScriptedQuirks quirks)
        implements Expectation {

    public TlsExpectation {
        perVersion = List.copyOf(perVersion);
        groups = List.copyOf(groups);
        Objects.requireNonNull(quirks, "quirks");
    }

    /** A target without quirks (every real stack). */
    public TlsExpectation(TlsStack stack, List<VersionFacts> perVersion, Optional<SniRequirement> sni,
                          CertificateFacts certificate, List<String> groups) {
        this(stack, perVersion, sni, certificate, groups, ScriptedQuirks.NONE);
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

    /**
     * The accepted pairs the registry says cannot be: per version (oldest first, only versions that have some),
     * the accepted suites that version cannot carry by the farm's {@link SuiteCatalog}, in server order. What a
     * scanner should report as {@code suite-off-version}; empty for every real stack.
     */
    public List<VersionFacts> offVersion() {
        List<VersionFacts> out = new ArrayList<>();
        for (VersionFacts facts : perVersion) {
            List<Suite> off = facts.suites().stream()
                    .filter(s -> SuiteCatalog.byCode(s.code()).filter(i -> !i.usableAt(facts.version())).isPresent())
                    .toList();
            if (!off.isEmpty()) {
                out.add(new VersionFacts(facts.version(), off, facts.order()));
            }
        }
        return out;
    }

    @Override
    public String summary() {
        if (stack == TlsStack.SCRIPTED) {
            return "scripted legacy server (not a real TLS stack: the real ones here refuse these suites) "
                    + perVersion.stream().map(v -> v.version().label() + v.suites() + " " + v.order() + " order")
                    .collect(Collectors.joining(" ")) + (quirks.any() ? " quirks: " + quirks.summary() : "")
                    + " cert: " + certificate.summary();
        }
        String versions = perVersion.stream()
                .map(v -> v.version().label() + "[" + v.suites().size() + " suites, " + v.order() + "]")
                .collect(Collectors.joining(" "));
        return versions + sni.map(s -> " SNI=" + s.serverName()).orElse("") + " cert: " + certificate.summary();
    }
}
