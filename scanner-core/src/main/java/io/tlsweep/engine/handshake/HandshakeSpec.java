package io.tlsweep.engine.handshake;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Objects;

/**
 * What a client offers in a full handshake: a provider, the versions to enable, and the suites to enable
 * (empty: the provider's defaults). One {@code SslContext} is built per distinct spec and reused.
 *
 * <p>BoringSSL always offers its three TLS 1.3 suites when TLS 1.3 is enabled; TLS 1.3 suites listed here
 * only matter to the JDK and Bouncy Castle.
 *
 * @param provider which TLS stack runs the handshake
 * @param versions versions to enable: TLS 1.0 to TLS 1.3 (SSLv3 is refused, no provider here speaks it)
 * @param cipherSuites suites to enable, in preference order; empty for the provider's default list
 */
public record HandshakeSpec(TlsProvider provider, List<ProtocolVersion> versions, List<CipherSuite> cipherSuites) {

    public HandshakeSpec {
        Objects.requireNonNull(provider, "provider");
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one version is needed");
        }
        for (ProtocolVersion v : versions) {
            javaName(v);
        }
        for (CipherSuite s : cipherSuites) {
            if (!s.isKnown() || s.isScsv()) {
                throw new IllegalArgumentException("not a cipher suite one can enable: " + s.ianaName());
            }
        }
    }

    /** A spec from IANA (or OpenSSL) suite names; throws for a name the registry does not know. */
    public static HandshakeSpec of(TlsProvider provider, List<ProtocolVersion> versions, List<String> suiteNames) {
        List<CipherSuite> suites = suiteNames.stream().map(name -> CipherSuite.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown cipher suite: " + name))).toList();
        return new HandshakeSpec(provider, versions, suites);
    }

    /** One version, the provider's default suites. */
    public static HandshakeSpec of(TlsProvider provider, ProtocolVersion version) {
        return new HandshakeSpec(provider, List.of(version), List.of());
    }

    /** The JSSE protocol name Netty takes ("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"). */
    public static String javaName(ProtocolVersion version) {
        return switch (version.code()) {
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> throw new IllegalArgumentException("no full-handshake provider speaks " + version);
        };
    }

    /** "boringssl TLSv1.2 [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]". */
    public String describe() {
        return provider.label() + " " + versions.stream().map(ProtocolVersion::displayName).toList()
                + (cipherSuites.isEmpty() ? " (default suites)" : " " + cipherSuites.stream()
                        .map(CipherSuite::ianaName).toList());
    }
}
