package io.tlsweep.probe;

import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the previous run found for one endpoint, as much as a re-check needs: per accepted version, its suites in
 * the order found and whose order decides; and the leaf certificate it served, when known.
 *
 * @param leafSha256 the SHA-256 of the leaf certificate (lower-case hex), empty when not known
 */
public record Baseline(List<Version> versions, Optional<String> leafSha256) {

    /** One accepted version of the baseline. */
    public record Version(ProtocolVersion version, List<CipherSuite> suites, PreferenceOrder order) {
        public Version {
            suites = List.copyOf(suites);
            if (suites.isEmpty()) {
                throw new IllegalArgumentException(version + ": a baseline version needs its accepted suites");
            }
        }
    }

    public Baseline {
        versions = versions.stream().sorted(Comparator.comparing(Version::version)).toList();
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a baseline needs at least one accepted version");
        }
        for (int i = 0; i < versions.size(); i++) {
            ProtocolVersion v = versions.get(i).version();
            if (!ProtocolVersion.HELLO_VERSIONS.contains(v)) {
                throw new IllegalArgumentException(v + ": not a version a hello can offer");
            }
            if (i > 0 && versions.get(i - 1).version().equals(v)) {
                throw new IllegalArgumentException(v + " twice in one baseline");
            }
        }
    }

    public Version best() {
        return versions.get(versions.size() - 1);
    }

    /** The newest version whose first flight shows the certificate (TLS 1.2 or older), else the best. */
    public Version bestShowingCertificate() {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (!versions.get(i).version().equals(ProtocolVersion.TLSv1_3)) {
                return versions.get(i);
            }
        }
        return best();
    }

    public ProtocolVersion lowest() {
        return versions.get(0).version();
    }
}
