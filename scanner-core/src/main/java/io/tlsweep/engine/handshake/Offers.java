package io.tlsweep.engine.handshake;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which local stack offers what a hello offers, and with which of its suites: each (stack, versions, suite) is
 * asked once by building its context, then remembered; a JSSE stack (the JDK, Bouncy Castle) only for versions its
 * {@code jdk.tls.disabledAlgorithms} leaves enabled. Thread-safe.
 */
final class Offers {
    private static final List<ProtocolVersion> SPOKEN = List.of(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1,
            ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3);

    private final ClientContexts contexts;
    private final Map<String, Boolean> offerable = new ConcurrentHashMap<>();

    Offers(ClientContexts contexts) {
        this.contexts = contexts;
    }

    Optional<HandshakeSpec> specFor(ClientHelloSpec hello, boolean renegotiate, boolean tickets) {
        List<ProtocolVersion> versions = (hello.supportedVersions().isEmpty() ? List.of(hello.clientVersion())
                : hello.supportedVersions()).stream().filter(SPOKEN::contains).sorted().distinct().toList();
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        boolean tls13 = versions.contains(ProtocolVersion.TLSv1_3);
        List<CipherSuite> suites = hello.cipherSuites().stream().filter(s -> s.isKnown() && !s.isScsv()).toList();
        for (TlsProvider provider : order(tls13, renegotiate, tickets)) {
            if (provider != TlsProvider.BORINGSSL && !contexts.enabledProtocols(provider).containsAll(versions
                    .stream().map(HandshakeSpec::javaName).toList())) {
                continue; // its disabledAlgorithms forbid a version: its handshake would fail before a byte is sent
            }
            List<CipherSuite> offer = suites.stream().filter(s -> canOffer(provider, versions, s)).toList();
            if (!offer.isEmpty()) {
                return Optional.of(new HandshakeSpec(provider, versions, offer));
            }
        }
        return Optional.empty();
    }

    private static List<TlsProvider> order(boolean tls13, boolean renegotiate, boolean tickets) {
        if (renegotiate) {
            return List.of(TlsProvider.JDK); // the one stack here whose client renegotiates
        }
        return tls13 || tickets ? List.of(TlsProvider.JDK, TlsProvider.BOUNCY_CASTLE, TlsProvider.BORINGSSL)
                : List.of(TlsProvider.BORINGSSL, TlsProvider.JDK, TlsProvider.BOUNCY_CASTLE);
    }

    private boolean canOffer(TlsProvider provider, List<ProtocolVersion> versions, CipherSuite s) {
        if (provider == TlsProvider.BORINGSSL && s.isTls13()) {
            return versions.contains(ProtocolVersion.TLSv1_3); // BoringSSL offers its own, whatever it is told
        }
        return offerable.computeIfAbsent(provider + "/" + versions + "/" + s.code(), k -> {
            try {
                contexts.contextFor(new HandshakeSpec(provider, versions, List.of(s)));
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }
}
