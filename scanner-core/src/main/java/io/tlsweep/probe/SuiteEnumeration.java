package io.tlsweep.probe;

import io.tlsweep.wire.Authentication;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds every suite a version accepts: offer the candidates, remove the one chosen, repeat. A rejection
 * rules out the whole offered chunk, so a version costs (accepted + chunks) hellos; a protocol_version
 * alert or a lower-version answer ends it after one. TLS 1.3 is probed with an empty key_share (the
 * HelloRetryRequest names the suite), switching to real key shares if a server rejects the empty one; its
 * hellos also carry older suites ({@link HelloTemplates#withOlderSuites}), so a server without TLS 1.3 that
 * decides by legacy_version answers with its own version rather than refusing.
 */
final class SuiteEnumeration implements Stage {
    private static final Set<KeyExchange> COMMON_KX = EnumSet.of(KeyExchange.ECDHE, KeyExchange.DHE,
            KeyExchange.RSA, KeyExchange.ANY);
    private static final Set<BulkCipher> COMMON_CIPHERS = EnumSet.of(BulkCipher.AES_GCM, BulkCipher.AES_CBC,
            BulkCipher.CHACHA20_POLY1305, BulkCipher.TRIPLE_DES, BulkCipher.RC4, BulkCipher.AES_CCM);

    private final VersionEvidence evidence;
    private final Optional<String> sni;
    private final boolean firstOnly;
    private final List<CipherSuite> pool;
    private final List<NamedGroup> groups;
    private HelloTemplates.KeyShareMode keyShares = HelloTemplates.KeyShareMode.EMPTY;
    private boolean realSharesTried;
    private boolean rejectedOnce;
    private boolean finished;

    SuiteEnumeration(VersionEvidence evidence, Optional<String> sni, boolean firstOnly) {
        this.evidence = evidence;
        this.sni = sni;
        this.firstOnly = firstOnly;
        this.pool = new ArrayList<>(candidates(evidence.version));
        this.groups = evidence.version.equals(ProtocolVersion.TLSv1_3) ? HelloTemplates.TLS13_GROUPS
                : HelloTemplates.LEGACY_GROUPS;
    }

    private static final Map<ProtocolVersion, List<CipherSuite>> CANDIDATES = new ConcurrentHashMap<>();

    /** Every suite the registry knows for the version, the ones servers commonly run first. */
    static List<CipherSuite> candidates(ProtocolVersion version) {
        return CANDIDATES.computeIfAbsent(version, v -> CipherSuites.forVersion(v).stream()
                .sorted(Comparator.comparingInt(SuiteEnumeration::rarity))
                .toList());
    }

    private static int rarity(CipherSuite s) {
        boolean commonAuth = s.authentication() == Authentication.RSA || s.authentication() == Authentication.ECDSA
                || s.authentication() == Authentication.DSS || s.isTls13();
        if (COMMON_KX.contains(s.keyExchange()) && commonAuth) {
            return COMMON_CIPHERS.contains(s.cipher()) && !s.isExport() ? 0 : 1;
        }
        return s.keyExchange() == KeyExchange.DH || s.keyExchange() == KeyExchange.ECDH
                || s.authentication() == Authentication.NONE ? 2 : 3;
    }

    HelloTemplates.KeyShareMode keyShareMode() {
        return keyShares;
    }

    @Override
    public Optional<ClientHelloSpec> next() {
        if (finished || pool.isEmpty()) {
            return Optional.empty();
        }
        List<CipherSuite> offer = List.copyOf(pool.subList(0, Math.min(HelloTemplates.MAX_SUITES_PER_HELLO,
                pool.size())));
        if (evidence.version.equals(ProtocolVersion.TLSv1_3)) {
            offer = HelloTemplates.withOlderSuites(offer);
        }
        return Optional.of(HelloTemplates.hello(evidence.version, offer, groups, sni, keyShares));
    }

    @Override
    public void fold(ClientHelloSpec sent, Reading reading) {
        if (reading instanceof Reading.Accepted a) {
            evidence.accepted.add(a.suite());
            evidence.acceptedAcrossChunks |= rejectedOnce;
            evidence.observe(a.hello());
            pool.remove(a.suite());
            finished = firstOnly;
        } else if (reading instanceof Reading.Rejected r) {
            evidence.rejections.add(r.why());
            if (r.versionRefused()) {
                finished = true;
            } else if (evidence.version.equals(ProtocolVersion.TLSv1_3) && evidence.accepted.isEmpty()
                    && !realSharesTried) {
                realSharesTried = true;
                keyShares = HelloTemplates.KeyShareMode.REAL;
                evidence.note("empty key_share turned down (" + r.why().detail() + "); retrying with real key shares");
            } else {
                rejectedOnce = true;
                Set<CipherSuite> offered = new HashSet<>(sent.cipherSuites());
                pool.removeIf(offered::contains);
            }
        } else if (reading instanceof Reading.Silent) {
            evidence.note("no answer to a hello even when retried; version taken as not supported");
            if (!evidence.accepted.isEmpty()) {
                evidence.complete = false;
            }
            finished = true;
        }
    }
}
