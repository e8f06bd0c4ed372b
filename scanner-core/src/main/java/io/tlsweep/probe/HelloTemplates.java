package io.tlsweep.probe;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.GroupKind;
import io.tlsweep.wire.HybridKeyShares;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The hellos tlsweep sends: one shape per protocol version, broad enough that a server is never turned
 * away for a missing extension, and exact about the version offered so the answer means one thing.
 */
public final class HelloTemplates {
    /**
     * The key_share of a TLS 1.3 hello: empty (a HelloRetryRequest answers), real values for the first two offered
     * groups, real values for x25519 and secp256r1, the two groups every TLS 1.3 server takes in practice, so that
     * it answers with its ServerHello and whole first flight, or real values for every offered group this JVM can
     * make one for (a hello offering only such groups then gets a ServerHello whichever the server picks).
     */
    enum KeyShareMode { EMPTY, REAL, FLIGHT, EVERY }

    /** Every EC and finite-field group a TLS ≤ 1.2 server could pick for ECDHE/DHE. */
    static final List<NamedGroup> LEGACY_GROUPS = NamedGroup.all().stream()
            .filter(g -> g.kind() == GroupKind.EC_PRIME || g.kind() == GroupKind.EC_BINARY
                    || g.kind() == GroupKind.ECX || g.kind() == GroupKind.FFDHE)
            .filter(g -> !g.isPrivateUse() && g.code() < 0x0200 && !(g.code() >= 31 && g.code() <= 33))
            .toList();

    /** Every group a TLS 1.3 server could ask for, post-quantum hybrids included. */
    static final List<NamedGroup> TLS13_GROUPS = NamedGroup.all().stream()
            .filter(g -> g.kind() == GroupKind.ECX || g.kind() == GroupKind.FFDHE || g.kind() == GroupKind.PQ
                    || g.kind() == GroupKind.HYBRID_PQ
                    || (g.kind() == GroupKind.EC_PRIME && (g.code() >= 23 && g.code() <= 25 || g.code() >= 31)))
            .filter(g -> !g.isPrivateUse())
            .toList();

    /** The groups the scan's group enumeration offers to find those {@code version} takes: TLS 1.3's, or ECDHE's. */
    public static List<NamedGroup> groupsOffered(ProtocolVersion version) {
        return version.equals(ProtocolVersion.TLSv1_3) ? TLS13_GROUPS
                : LEGACY_GROUPS.stream().filter(g -> g.kind() != GroupKind.FFDHE).toList();
    }

    /** Signature schemes offered: modern first, then the SHA-1/MD5 pairs legacy servers sign with. */
    static final List<SignatureScheme> SIGNATURE_SCHEMES = IntStream.of(
            0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B,
            0x081A, 0x081B, 0x081C, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602,
            0x0203, 0x0201, 0x0202, 0x0101, 0x0102, 0x0103).mapToObj(SignatureScheme::of).toList();

    /**
     * The most suites a TLS 1.3 enumeration hello carries, its own and older ones (offers of older versions carry
     * every candidate, unless the endpoint shows size intolerance: see {@link HelloSize}).
     */
    static final int MAX_SUITES_PER_HELLO = 128;

    private HelloTemplates() {
    }

    /** A hello offering exactly {@code version}, these suites (in order) and these groups. */
    static ClientHelloSpec hello(ProtocolVersion version, List<CipherSuite> suites, List<NamedGroup> groups,
            Optional<String> sni, KeyShareMode keyShares) {
        ClientHelloSpec.Builder b = ClientHelloSpec.builder().random(nonce());
        sni.ifPresent(b::serverName);
        if (version.equals(ProtocolVersion.TLSv1_3)) {
            return b.recordVersion(ProtocolVersion.TLSv1_0)
                    .clientVersion(ProtocolVersion.TLSv1_2)
                    .sessionId(nonce())
                    .cipherSuites(suites)
                    .supportedGroups(groups)
                    .signatureAlgorithms(SIGNATURE_SCHEMES)
                    .supportedVersions(List.of(ProtocolVersion.TLSv1_3))
                    .keyShares(switch (keyShares) {
                        case EMPTY -> List.of();
                        case REAL -> realShares(groups);
                        case FLIGHT -> flightShares(groups);
                        case EVERY -> everyShare(groups);
                    })
                    .pskKeyExchangeModes((byte) 1)
                    .build();
        }
        List<CipherSuite> withScsv = new ArrayList<>(suites);
        withScsv.add(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        b.recordVersion(version.equals(ProtocolVersion.SSLv3) ? ProtocolVersion.SSLv3 : ProtocolVersion.TLSv1_0)
                .clientVersion(version)
                .cipherSuites(withScsv)
                .supportedGroups(groups)
                .ecPointFormats((byte) 0, (byte) 1, (byte) 2)
                .statusRequest(true);
        if (version.atLeast(ProtocolVersion.TLSv1_2)) {
            b.signatureAlgorithms(SIGNATURE_SCHEMES);
        }
        return b.build();
    }

    /**
     * A hello offering every version from {@code lowest} up to {@code highest}, as a client supporting that range
     * does, so a server answers with the highest version of the range it accepts: up to TLS 1.2 the version field
     * says {@code highest}; with TLS 1.3 it says TLS 1.2 and supported_versions lists TLS 1.3 down to
     * {@code lowest}, with an empty key_share (a TLS 1.3 server answers with a HelloRetryRequest). With
     * {@code lowest == highest} it is the scan's own hello for that version.
     */
    public static ClientHelloSpec upTo(ProtocolVersion lowest, ProtocolVersion highest, List<CipherSuite> suites,
            Optional<String> sni) {
        if (lowest.compareTo(highest) > 0) {
            throw new IllegalArgumentException("no versions from " + lowest + " up to " + highest);
        }
        if (lowest.equals(highest)) {
            return hello(lowest, suites, lowest.equals(ProtocolVersion.TLSv1_3) ? TLS13_GROUPS : LEGACY_GROUPS, sni,
                    KeyShareMode.EMPTY);
        }
        ProtocolVersion record = lowest.equals(ProtocolVersion.SSLv3) ? ProtocolVersion.SSLv3 : ProtocolVersion.TLSv1_0;
        if (!highest.equals(ProtocolVersion.TLSv1_3)) {
            return hello(highest, suites, LEGACY_GROUPS, sni, KeyShareMode.EMPTY).toBuilder().recordVersion(record)
                    .build();
        }
        List<NamedGroup> groups = new ArrayList<>(LEGACY_GROUPS);
        TLS13_GROUPS.stream().filter(g -> !groups.contains(g)).forEach(groups::add);
        List<ProtocolVersion> range = new ArrayList<>(ProtocolVersion.HELLO_VERSIONS.stream()
                .filter(v -> v.compareTo(lowest) >= 0).toList());
        java.util.Collections.reverse(range);
        return hello(ProtocolVersion.TLSv1_2, suites, groups, sni, KeyShareMode.EMPTY).toBuilder()
                .recordVersion(record)
                .sessionId(nonce())
                .supportedVersions(range)
                .keyShares(List.of())
                .pskKeyExchangeModes((byte) 1)
                .build();
    }

    /**
     * A TLS 1.3 enumeration hello's suites: the TLS 1.3 suites to test, then the commonest TLS ≤ 1.2 suites up to
     * {@link #MAX_SUITES_PER_HELLO}, as every real TLS 1.3 client's hello carries older suites. A server that
     * decides by legacy_version when supported_versions lists none of its versions (GnuTLS without TLS 1.3,
     * servers older than TLS 1.3) then answers with the version such a client gets, instead of refusing the hello
     * for want of a suite; a server that reads supported_versions refuses it whatever the suites.
     */
    static List<CipherSuite> withOlderSuites(List<CipherSuite> tls13Suites) {
        List<CipherSuite> all = new ArrayList<>(tls13Suites);
        SuiteEnumeration.candidates(ProtocolVersion.TLSv1_2).stream()
                .limit(Math.max(0, MAX_SUITES_PER_HELLO - tls13Suites.size())).forEach(all::add);
        return all;
    }

    /**
     * 32 unpredictable-enough bytes for a random or a compatibility session id. A scan never completes a
     * handshake, so nothing secret rests on them; a SecureRandom here would cost a lock and a hash per hello.
     */
    private static byte[] nonce() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** Real public values for x25519 and secp256r1, those of them offered. */
    static List<KeyShareEntry> flightShares(List<NamedGroup> groups) {
        return java.util.stream.Stream.of(NamedGroup.X25519, NamedGroup.SECP256R1).filter(groups::contains)
                .map(KeyShares::entry).flatMap(Optional::stream).toList();
    }

    /**
     * Real public values for every offered group this JVM can generate and a flight answering it can be read with
     * (X25519MLKEM768 among the hybrids), in the offered order.
     */
    static List<KeyShareEntry> everyShare(List<NamedGroup> groups) {
        return groups.stream().map(g -> HybridKeyShares.readable(g) ? HybridKeyShares.entry(g) : KeyShares.entry(g))
                .flatMap(Optional::stream).toList();
    }

    /** Real public values for the first two offered groups this JVM can generate (x25519, P-256...). */
    static List<KeyShareEntry> realShares(List<NamedGroup> groups) {
        return groups.stream().map(KeyShares::entry).flatMap(Optional::stream).limit(2).toList();
    }
}
