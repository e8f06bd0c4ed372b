package io.tlsweep.scan;

import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeOutcome;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.engine.handshake.HandshakeTarget;
import io.tlsweep.engine.handshake.TlsProvider;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.ProtocolVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Confirms a raw scan with a real TLS stack: one full handshake at the best version, offering the accepted
 * suites in the server's order (as many as the stack can offer). The raw scan predicts the first of them;
 * anything else is a disagreement, reported, never hidden. BoringSSL is tried first, then the JDK, then
 * Bouncy Castle; for TLS 1.3 the JDK first, because BoringSSL always offers its own three suites. On an endpoint
 * that speaks a prelude (STARTTLS), the handshake comes after it, as the scan's hellos did; the best version's
 * handshake (one connection per target) also asks how the service lets clients log in: the capabilities again
 * over TLS, and LDAP's root DSE before StartTLS ({@link io.tlsweep.prelude.PreludeContext#askAuth()}).
 *
 * <p>Where the best version is TLS 1.3 and the scan's own handshake was read to a Finished that verifies, with a
 * CertificateVerify that verifies, the scan has already done what a real client does up to its own Finished: that
 * endpoint gets no real-stack handshake (one connection less) and the confirmation says {@code scan-verified}. An
 * endpoint whose prelude asks about login after TLS still gets its handshake, and so does every version under
 * {@link #confirmEachVersion}.
 */
public final class RealStackCheck {
    private final HandshakeClient client;
    private final PreludeSettings preludes;
    private final Map<String, Boolean> offerable = new ConcurrentHashMap<>();

    public RealStackCheck(HandshakeClient client) {
        this(client, PreludeSettings.DEFAULT);
    }

    /** Handshakes with {@code client}; a target's prelude (its STARTTLS...) is said first, as {@code preludes} says. */
    public RealStackCheck(HandshakeClient client, PreludeSettings preludes) {
        this.client = client;
        this.preludes = preludes;
    }

    /** One real handshake at the best version; completes with null when there is nothing to confirm. */
    public CompletionStage<Confirmation> confirm(TargetResult r) {
        if (r.protocols().isEmpty() || r.address().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        ProtocolSupport best = r.protocols().get(r.protocols().size() - 1);
        Optional<Confirmation> verified = scanVerified(r, best);
        return verified.isPresent() ? CompletableFuture.completedFuture(verified.get()) : confirm(r, best, true);
    }

    /** The confirmation the scan's own TLS 1.3 handshake gives, when it was read to a verified end. */
    private Optional<Confirmation> scanVerified(TargetResult r, ProtocolSupport best) {
        if (!best.version().equals(ProtocolVersion.TLSv1_3) || preludes.prelude(r.target(), true).isPresent()) {
            return Optional.empty();
        }
        return r.tls13Flight().filter(f -> f.whole() && f.signature() == EncryptedFlight.SignatureCheck.VERIFIED)
                .map(f -> new Confirmation(Optional.empty(), best.version(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Confirmation.Outcome.SCAN_VERIFIED, "the scan's own TLS 1.3 handshake was"
                                + " read to a Finished that verifies (CertificateVerify "
                                + f.signatureScheme().map(Object::toString).orElse("?")
                                + " verified): no real-stack handshake made", List.of()));
    }

    /** One real handshake per accepted version, oldest first. */
    public CompletionStage<List<Confirmation>> confirmEachVersion(TargetResult r) {
        if (r.address().isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        ProtocolSupport best = r.protocols().isEmpty() ? null : r.protocols().get(r.protocols().size() - 1);
        List<CompletableFuture<Confirmation>> each = r.protocols().stream()
                .map(p -> confirm(r, p, p == best).toCompletableFuture()).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(x -> each.stream().map(CompletableFuture::join).toList());
    }

    /** @param askAuth whether this handshake's prelude asks about authentication (one connection per target) */
    private CompletionStage<Confirmation> confirm(TargetResult r, ProtocolSupport best, boolean askAuth) {
        ProtocolVersion v = best.version();
        for (TlsProvider provider : order(v)) {
            List<CipherSuite> offer = best.cipherSuites().stream().filter(s -> canOffer(provider, v, s)).toList();
            if (offer.isEmpty()) {
                continue;
            }
            HandshakeSpec spec = new HandshakeSpec(provider, List.of(v), offer);
            Optional<CipherSuite> expected = provider == TlsProvider.BORINGSSL && v.equals(ProtocolVersion.TLSv1_3)
                    ? Optional.empty() : Optional.of(offer.get(0));
            return client.handshake(target(r, askAuth), spec)
                    .thenApply(o -> compare(provider, v, expected, best, o, askAuth));
        }
        return CompletableFuture.completedFuture(new Confirmation(Optional.empty(), v, Optional.empty(),
                Optional.empty(), Optional.empty(), Confirmation.Outcome.UNCONFIRMABLE,
                "no local TLS stack offers any of the " + v.displayName() + " suites found", List.of()));
    }

    private static Confirmation compare(TlsProvider provider, ProtocolVersion v, Optional<CipherSuite> expected,
            ProtocolSupport best, HandshakeOutcome o, boolean askedAuth) {
        Optional<String> name = Optional.of(provider.label());
        if (o instanceof HandshakeOutcome.Failed f) {
            // an internal error is the local stack refusing to start (e.g. suites its policy disables)
            Confirmation.Outcome outcome = f.failure().kind() == FailureKind.INTERNAL_ERROR
                    ? Confirmation.Outcome.UNCONFIRMABLE : Confirmation.Outcome.FAILED;
            return new Confirmation(name, v, expected, Optional.empty(), Optional.empty(), outcome,
                    f.failure().toString(), List.of());
        }
        HandshakeOutcome.Established e = (HandshakeOutcome.Established) o;
        boolean versionOk = e.version().equals(v);
        boolean suiteOk = expected.map(s -> s.equals(e.cipherSuite()))
                .orElse(best.cipherSuites().contains(e.cipherSuite()));
        Confirmation.Outcome outcome = versionOk && suiteOk ? Confirmation.Outcome.AGREED
                : Confirmation.Outcome.DISAGREED;
        String detail = outcome == Confirmation.Outcome.AGREED ? provider.label() + " negotiated " + e.version()
                + " " + e.cipherSuite() + " as the scan predicts"
                : provider.label() + " negotiated " + e.version() + " " + e.cipherSuite() + "; the scan predicts "
                        + v + " " + expected.map(CipherSuite::toString).orElse("one of " + best.cipherSuites());
        return new Confirmation(name, v, expected, Optional.of(e.version()), Optional.of(e.cipherSuite()), outcome,
                detail, e.chain(), askedAuth ? e.prelude() : Optional.empty());
    }

    /** The first local stack (in this check's order) that can offer exactly this suite in this version. */
    public Optional<TlsProvider> providerFor(ProtocolVersion v, CipherSuite s) {
        return order(v).stream().filter(p -> !(p == TlsProvider.BORINGSSL && v.equals(ProtocolVersion.TLSv1_3)))
                .filter(p -> canOffer(p, v, s)).findFirst();
    }

    private static List<TlsProvider> order(ProtocolVersion v) {
        return v.equals(ProtocolVersion.TLSv1_3)
                ? List.of(TlsProvider.JDK, TlsProvider.BOUNCY_CASTLE, TlsProvider.BORINGSSL)
                : List.of(TlsProvider.BORINGSSL, TlsProvider.JDK, TlsProvider.BOUNCY_CASTLE);
    }

    /** Whether the stack can offer this suite in this version (asked once, then remembered). */
    private boolean canOffer(TlsProvider provider, ProtocolVersion v, CipherSuite s) {
        return offerable.computeIfAbsent(provider + "/" + v + "/" + s.code(), k -> {
            try {
                client.prepare(new HandshakeSpec(provider, List.of(v), List.of(s)));
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    private HandshakeTarget target(TargetResult r, boolean askAuth) {
        try {
            InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(r.address().get()), r.target().port());
            HandshakeTarget t = r.target().sni().map(n -> HandshakeTarget.of(a, n)).orElse(HandshakeTarget.of(a));
            return preludes.prelude(r.target(), askAuth).map(t::withPrelude).orElse(t);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address string from the engine did not parse: " + r.address(), e);
        }
    }
}
