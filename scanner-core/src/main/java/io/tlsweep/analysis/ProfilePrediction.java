package io.tlsweep.analysis;

import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Predicts, from a scan result alone, what a client profile negotiates with an endpoint, the way servers
 * decide: the highest version both enable (TLS 1.3 through supported_versions, older versions by the hello's
 * client_version), then the first shared suite in the server's order when it enforces one, otherwise in the
 * client's; an ECDHE suite only with a shared curve. When the scan could not tell whose order decides and the two
 * would choose differently, nothing is predicted. A failure carries the refusal the scan saw the server give for
 * the same situation; when the scan saw none the failure is marked assumed.
 *
 * <p>A client offering TLS 1.3 lists its versions in supported_versions. OpenSSL, BoringSSL and the JDK read that
 * list even when TLS 1.3 itself is switched off, and refuse a client whose list holds none of their versions;
 * GnuTLS without TLS 1.3 and servers older than TLS 1.3 ignore the list and answer the hello's client_version.
 * The scan tells the two apart: tlsweep's TLS 1.3 hello also carries older suites, so the first refuses it
 * outright and the second answers it with a lower version.
 *
 * <p>Nothing is predicted for a client that sends no SNI to an endpoint scanned with SNI: whether the server
 * insists on a name was not tested, so only the client's own hello can tell.
 */
public final class ProfilePrediction {
    private ProfilePrediction() {
    }

    public static ProfileOutcome predict(TargetResult r, ClientProfile p) {
        if (r.protocols().isEmpty()) {
            Failure why = r.failure().orElse(Failure.of(FailureKind.READ_TIMEOUT, "no version answered"));
            boolean tlsServer = r.status() == ScanStatus.REJECTED || r.status() == ScanStatus.SNI_REQUIRED;
            return ProfileOutcome.fails(tlsServer ? Reason.REFUSED : Reason.NO_ANSWER, Optional.empty(), why, false);
        }
        if (r.target().sni().isPresent() && !p.sni().value()) {
            return ProfileOutcome.unknown(p.name() + " sends no SNI; the scan sent " + r.target().sni().get()
                    + ", so whether the server needs a name was not tested");
        }
        Optional<Failure> tls13Refusal = Optional.ofNullable(r.refusals().get(ProtocolVersion.TLSv1_3))
                .filter(f -> f.kind() != FailureKind.LOWER_VERSION);
        boolean readsSupportedVersions = p.offers(ProtocolVersion.TLSv1_3) && tls13Refusal.isPresent();
        Optional<ProtocolSupport> agreed = readsSupportedVersions ? listed(r, p) : version(r, p);
        if (agreed.isEmpty()) {
            ProtocolVersion hello = readsSupportedVersions ? ProtocolVersion.TLSv1_3
                    : p.maxVersion().atLeast(ProtocolVersion.TLSv1_2) ? ProtocolVersion.TLSv1_2 : p.maxVersion();
            Optional<Failure> seen = Optional.ofNullable(r.refusals().get(hello));
            return ProfileOutcome.fails(Reason.SERVER_REFUSES_VERSION, Optional.empty(), seen.orElse(
                    Failure.alert(AlertDescription.PROTOCOL_VERSION, "a " + hello.displayName() + " hello refused")),
                    seen.isEmpty());
        }
        ProtocolSupport at = agreed.get();
        ProtocolVersion v = at.version();
        if (!p.completes(v)) {
            return ProfileOutcome.fails(Reason.CLIENT_REFUSES_VERSION, Optional.of(v), Failure.of(
                    FailureKind.LOWER_VERSION, "the server chose " + v.displayName() + ", which " + p.name()
                            + " does not complete"), false);
        }
        if (!at.complete()) {
            return ProfileOutcome.unknown(v.displayName() + " suites were not enumerated in full");
        }
        List<CipherSuite> offered = p.suitesFor(v);
        Set<CipherSuite> shared = new HashSet<>(offered);
        shared.retainAll(at.cipherSuites());
        shared.removeIf(s -> !groupAgreed(s, v, at, p));
        if (shared.isEmpty()) {
            Optional<Failure> seen = at.refusal();
            return ProfileOutcome.fails(Reason.NO_SHARED_SUITE, Optional.of(v), seen.orElse(Failure.alert(
                    AlertDescription.HANDSHAKE_FAILURE, "no shared cipher suite")), seen.isEmpty());
        }
        CipherSuite chosen = choose(at, offered, shared);
        CipherSuite firstFound = at.cipherSuites().stream().filter(shared::contains).findFirst().orElseThrow();
        if (at.order() == PreferenceOrder.UNKNOWN && !chosen.equals(firstFound)) {
            return ProfileOutcome.unknown(v.displayName() + ": whose order decides is not known, and "
                    + chosen.ianaName() + " (the client's first) differs from " + firstFound.ianaName()
                    + " (the first found)");
        }
        if (p.refusesSignatureOf(v, chosen)) {
            return ProfileOutcome.clientRefusesSignature(v);
        }
        return ProfileOutcome.connects(v, chosen);
    }

    /** The newest version in the client's supported_versions that the server accepts. */
    private static Optional<ProtocolSupport> listed(TargetResult r, ClientProfile p) {
        return r.protocols().stream().filter(s -> p.offers(s.version())).reduce((older, newer) -> newer);
    }

    /** The version a server picks for this client, if any of its versions is one the hello lets it pick. */
    private static Optional<ProtocolSupport> version(TargetResult r, ClientProfile p) {
        if (p.offers(ProtocolVersion.TLSv1_3)) {
            Optional<ProtocolSupport> tls13 = r.protocols().stream()
                    .filter(s -> s.version().equals(ProtocolVersion.TLSv1_3)).findFirst();
            if (tls13.isPresent()) {
                return tls13;
            }
        }
        ProtocolVersion ceiling = p.maxVersion().atLeast(ProtocolVersion.TLSv1_2) ? ProtocolVersion.TLSv1_2
                : p.maxVersion();
        return r.protocols().stream().filter(s -> !s.version().equals(ProtocolVersion.TLSv1_3))
                .filter(s -> ceiling.atLeast(s.version())).reduce((older, newer) -> newer);
    }

    /**
     * Whether the key exchange of {@code s} can be agreed: ECDHE (and TLS 1.3) needs a group both offer, when the
     * scan knows the server's; a client sending no supported_groups leaves the server to its default curve.
     */
    private static boolean groupAgreed(CipherSuite s, ProtocolVersion v, ProtocolSupport at, ClientProfile p) {
        boolean needsGroup = s.isTls13() || s.keyExchange() == KeyExchange.ECDHE;
        if (!needsGroup || at.groups().isEmpty()) {
            return true;
        }
        List<NamedGroup> client = p.groups().value();
        if (client.isEmpty()) {
            return !v.equals(ProtocolVersion.TLSv1_3);
        }
        return at.groups().stream().anyMatch(client::contains);
    }

    private static CipherSuite choose(ProtocolSupport at, List<CipherSuite> offered, Set<CipherSuite> shared) {
        if (at.order() == PreferenceOrder.SERVER) {
            CipherSuite clientFirst = offered.get(0);
            if (at.chacha20Priority() && clientFirst.cipher() == BulkCipher.CHACHA20_POLY1305
                    && shared.contains(clientFirst)) {
                return clientFirst;
            }
            return at.cipherSuites().stream().filter(shared::contains).findFirst().orElseThrow();
        }
        return offered.stream().filter(shared::contains).findFirst().orElseThrow();
    }
}
