package io.tlsweep.targets;

import io.tlsweep.targets.cert.CertificateSpec;
import io.tlsweep.targets.suite.KeyExchange;
import io.tlsweep.targets.suite.SuiteCatalog;
import io.tlsweep.targets.suite.SuiteInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A scripted legacy server: not a real TLS stack but a handler that reads the ClientHello and answers
 * it byte by byte like a server configured with these versions and suites, then stops after its first
 * flight (ServerHello, Certificate, ServerHelloDone: static RSA key exchange needs no ServerKeyExchange).
 * It exists for what no real stack here serves any more: BoringSSL refuses 3DES, OpenSSL 3 here is built
 * without it, and the JDK and Bouncy Castle disable 3DES and RC4. Version choice: the client's
 * legacy_version, capped at the newest configured version, must itself be configured, else a fatal
 * protocol_version alert (so do hellos whose supported_versions lists only TLS 1.3 or later);
 * supported_versions is otherwise ignored. Suite choice: the first configured suite, in the server's
 * order, that the client offered and the version can carry, else a fatal handshake_failure alert.
 *
 * @param versions     configured versions (TLS 1.3 is not scripted)
 * @param cipherSuites configured suites by IANA name, in server preference order (static RSA key exchange)
 * @param certificate  the RSA leaf it sends, issued by the farm CA like every other target's
 * @param linger       how long a connection stays open after the first flight before the server closes it
 */
public record ScriptedTargetSpec(String name, String bindAddress, Set<TlsVersion> versions,
                                 List<String> cipherSuites, CertificateSpec certificate, Duration linger)
        implements TargetSpec {

    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(2);

    public ScriptedTargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(linger, "linger");
        LoopbackAddresses.requireLoopback(bindAddress);
        if (versions.isEmpty() || cipherSuites.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs at least one version and one cipher suite");
        }
        if (versions.contains(TlsVersion.TLS1_3)) {
            throw new IllegalArgumentException(name + ": a scripted server does not do TLS 1.3");
        }
        if (certificate.keyType().isEc()) {
            throw new IllegalArgumentException(name + ": static RSA key exchange needs an RSA certificate");
        }
        for (String suite : cipherSuites) {
            if (SuiteCatalog.require(suite).keyExchange() != KeyExchange.RSA) {
                throw new IllegalArgumentException(name + ": only static RSA suites are scripted: " + suite);
            }
        }
        if (linger.isNegative() || linger.compareTo(HostileTargetSpec.DEFAULT_LIFETIME) > 0) {
            throw new IllegalArgumentException(name + ": linger must be in [0, 60 s]: " + linger);
        }
        versions = Collections.unmodifiableSet(EnumSet.copyOf(versions));
        cipherSuites = List.copyOf(cipherSuites);
        accepted(name, versions, cipherSuites);
    }

    /** A scripted server on 127.0.0.1 with an RSA-2048 leaf from the farm CA and the default linger. */
    public static ScriptedTargetSpec of(String name, Set<TlsVersion> versions, List<String> cipherSuites) {
        return new ScriptedTargetSpec(name, HostileTargetSpec.DEFAULT_BIND, versions, cipherSuites,
                CertificateSpec.rsa2048(), DEFAULT_LINGER);
    }

    /**
     * Exactly what it accepts: per configured version, oldest first, the configured suites that version
     * can carry, in the server's order (which decides).
     */
    public List<VersionFacts> accepted() {
        return accepted(name, versions, cipherSuites);
    }

    private static List<VersionFacts> accepted(String name, Set<TlsVersion> versions, List<String> cipherSuites) {
        List<VersionFacts> perVersion = new ArrayList<>();
        for (TlsVersion version : versions) {
            List<Suite> suites = new ArrayList<>();
            for (String suite : cipherSuites) {
                SuiteInfo info = SuiteCatalog.require(suite);
                if (info.usableAt(version)) {
                    suites.add(new Suite(info.code(), info.ianaName()));
                }
            }
            if (suites.isEmpty()) {
                throw new IllegalArgumentException(name + ": no configured suite is usable at " + version.label());
            }
            perVersion.add(new VersionFacts(version, suites, OrderPolicy.SERVER));
        }
        return perVersion;
    }
}
