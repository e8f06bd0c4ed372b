package io.tlsweep.evidence;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client offered in its ClientHello, as far as the input shows it: all of it from a packet capture, the
 * fields Zeek's ssl-log-ext writes from its log. Codes stay raw (GREASE, unknown and private values included, in
 * the order sent), which is what a fingerprint (JA4) and a match with the client profiles need.
 *
 * @param legacyVersion the ClientHello's client_version (0x0301 for TLS 1.0 ...)
 * @param supportedVersions the supported_versions extension's list; empty when the hello has none
 * @param cipherSuites the suites in the client's order
 * @param extensions the extension types in the order sent; empty when the input does not say
 * @param groups supported_groups in order; empty when absent or not logged
 * @param signatureAlgorithms signature_algorithms in order; empty when absent or not logged
 * @param alpn the ALPN protocols offered, in order; empty when none
 * @param serverName the SNI host name, when one was sent
 */
public record OfferedHello(int legacyVersion, List<Integer> supportedVersions, List<Integer> cipherSuites,
        List<Integer> extensions, List<Integer> groups, List<Integer> signatureAlgorithms, List<String> alpn,
        Optional<String> serverName) {
    public OfferedHello {
        supportedVersions = List.copyOf(supportedVersions);
        cipherSuites = List.copyOf(cipherSuites);
        extensions = List.copyOf(extensions);
        groups = List.copyOf(groups);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        alpn = List.copyOf(alpn);
        Objects.requireNonNull(serverName, "serverName");
    }
}
