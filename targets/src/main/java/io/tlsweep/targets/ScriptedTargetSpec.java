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
 * order, that the client offered and the version can carry (or that is one of the quirks' off-version
 * suites), else a fatal handshake_failure alert. TLS_FALLBACK_SCSV is ignored, as servers before RFC 7507 did (a
 * server with two versions is a true positive for the fallback check). {@link ScriptedQuirks} (none by default) make it refuse long
 * hellos before any of that: by a silent close past a hello length, by {@code decode_error} past a suite count.
 *
 * <p>Variants: {@link #of(String, Set, List)} for a plain one, {@link #withQuirks} and the {@code with...}
 * methods to add quirks, {@link #sizeIntolerantBySuites}, {@link #sizeIntolerantByLength} and
 * {@link #offVersion} for ready-made quirky servers (none of them is in {@link DefaultProfiles}).
 *
 * @param versions     configured versions (TLS 1.3 is not scripted)
 * @param cipherSuites configured suites by IANA name, in server preference order (static RSA key exchange)
 * @param certificate  the RSA leaf it sends, issued by the farm CA like every other target's
 * @param linger       how long a connection stays open after the first flight before the server closes it
 * @param quirks       size intolerance and off-version suites, {@link ScriptedQuirks#NONE} for a tolerant server
 */
public record ScriptedTargetSpec(String name, String bindAddress, Set<TlsVersion> versions,
                                 List<String> cipherSuites, CertificateSpec certificate, Duration linger,
                                 ScriptedQuirks quirks)
        implements TargetSpec {

    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(2);

    /**
     * The suites of the ready-made size-intolerant servers, in server order: four TLS 1.2-only ones, then four
     * any version can carry (3DES among them). TLS 1.0 to 1.2.
     */
    public static final List<String> SIZE_INTOLERANT_SUITES = List.of("TLS_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
            "TLS_RSA_WITH_3DES_EDE_CBC_SHA");

    /** The suite {@link #offVersion} accepts in TLS 1.0 and 1.1 too (the registry puts it in TLS 1.2 only). */
    public static final String OFF_VERSION_SUITE = "TLS_RSA_WITH_AES_128_CBC_SHA256";

    public ScriptedTargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(quirks, "quirks");
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
        for (String suite : quirks.offVersionSuites()) {
            if (!cipherSuites.contains(suite)) {
                throw new IllegalArgumentException(name + ": an off-version suite must be configured: " + suite);
            }
            SuiteInfo info = SuiteCatalog.require(suite);
            if (versions.stream().allMatch(info::usableAt)) {
                throw new IllegalArgumentException(name + ": " + suite + " belongs in every configured version, "
                        + "so accepting it off-version changes nothing");
            }
        }
        accepted(name, versions, cipherSuites, quirks);
    }

    /** A tolerant scripted server: {@link ScriptedQuirks#NONE}. */
    public ScriptedTargetSpec(String name, String bindAddress, Set<TlsVersion> versions, List<String> cipherSuites,
                              CertificateSpec certificate, Duration linger) {
        this(name, bindAddress, versions, cipherSuites, certificate, linger, ScriptedQuirks.NONE);
    }

    /** A scripted server on 127.0.0.1 with an RSA-2048 leaf from the farm CA and the default linger. */
    public static ScriptedTargetSpec of(String name, Set<TlsVersion> versions, List<String> cipherSuites) {
        return of(name, versions, cipherSuites, ScriptedQuirks.NONE);
    }

    /**
     * Like {@link #of(String, Set, List)} with these quirks (the way to configure a version whose only suites are
     * off-version ones).
     */
    public static ScriptedTargetSpec of(String name, Set<TlsVersion> versions, List<String> cipherSuites,
                                        ScriptedQuirks quirks) {
        return new ScriptedTargetSpec(name, HostileTargetSpec.DEFAULT_BIND, versions, cipherSuites,
                CertificateSpec.rsa2048(), DEFAULT_LINGER, quirks);
    }

    /**
     * TLS 1.0 to 1.2 with {@link #SIZE_INTOLERANT_SUITES}; a hello listing more than {@code maxOfferedSuites}
     * suites gets a fatal {@code decode_error} alert.
     */
    public static ScriptedTargetSpec sizeIntolerantBySuites(String name, int maxOfferedSuites) {
        return sizeIntolerant(name, ScriptedQuirks.NONE.withMaxOfferedSuites(maxOfferedSuites));
    }

    /**
     * TLS 1.0 to 1.2 with {@link #SIZE_INTOLERANT_SUITES}; a ClientHello handshake message longer than
     * {@code maxHelloBytes} (its 4-byte header included, padding included) is closed on without an answer.
     */
    public static ScriptedTargetSpec sizeIntolerantByLength(String name, int maxHelloBytes) {
        return sizeIntolerant(name, ScriptedQuirks.NONE.withMaxHelloBytes(maxHelloBytes));
    }

    /**
     * TLS 1.0 to 1.2 with, in server order, {@value #OFF_VERSION_SUITE} (accepted in every version),
     * TLS_RSA_WITH_AES_128_GCM_SHA256 (TLS 1.2 only, as the registry says) and TLS_RSA_WITH_AES_128_CBC_SHA.
     */
    public static ScriptedTargetSpec offVersion(String name) {
        return of(name, EnumSet.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2),
                List.of(OFF_VERSION_SUITE, "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"),
                ScriptedQuirks.NONE.withOffVersionSuites(List.of(OFF_VERSION_SUITE)));
    }

    private static ScriptedTargetSpec sizeIntolerant(String name, ScriptedQuirks quirks) {
        return of(name, EnumSet.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2), SIZE_INTOLERANT_SUITES,
                quirks);
    }

    /** This spec with these quirks instead of its own. */
    public ScriptedTargetSpec withQuirks(ScriptedQuirks newQuirks) {
        return new ScriptedTargetSpec(name, bindAddress, versions, cipherSuites, certificate, linger, newQuirks);
    }

    /** This spec refusing hellos that list more than {@code max} suites with {@code decode_error}. */
    public ScriptedTargetSpec withMaxOfferedSuites(int max) {
        return withQuirks(quirks.withMaxOfferedSuites(max));
    }

    /** This spec closing, unanswered, on hello messages longer than {@code max} bytes (header included). */
    public ScriptedTargetSpec withMaxHelloBytes(int max) {
        return withQuirks(quirks.withMaxHelloBytes(max));
    }

    /** This spec reproducing the flaws of old servers {@code flaws} too. */
    public ScriptedTargetSpec withLegacy(LegacyQuirk... flaws) {
        return withQuirks(quirks.withLegacy(flaws));
    }

    /** This spec accepting {@code suites} (configured ones, IANA names) in every configured version. */
    public ScriptedTargetSpec withOffVersionSuites(String... suites) {
        return withQuirks(quirks.withOffVersionSuites(List.of(suites)));
    }

    /** This spec reproducing {@code flaws} after its first flight. */
    public ScriptedTargetSpec withFlaws(ScriptedFlaw... flaws) {
        return withQuirks(quirks.withFlaws(flaws));
    }

    /**
     * Exactly what it accepts: per configured version, oldest first, the configured suites that version
     * can carry or that are off-version suites, in the server's order (which decides).
     */
    public List<VersionFacts> accepted() {
        return accepted(name, versions, cipherSuites, quirks);
    }

    private static List<VersionFacts> accepted(String name, Set<TlsVersion> versions, List<String> cipherSuites,
                                               ScriptedQuirks quirks) {
        List<VersionFacts> perVersion = new ArrayList<>();
        for (TlsVersion version : versions) {
            List<Suite> suites = new ArrayList<>();
            for (String suite : cipherSuites) {
                SuiteInfo info = SuiteCatalog.require(suite);
                if (info.usableAt(version) || quirks.offVersionSuites().contains(suite)) {
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
