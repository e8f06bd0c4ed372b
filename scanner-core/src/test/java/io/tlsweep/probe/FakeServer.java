package io.tlsweep.probe;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.KeyExchangeParams;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.SignatureScheme;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scripted TLS server for probe tests: it answers a ClientHelloSpec the way a configured server would,
 * with no network. Server order picks its first suite the client offered; client order the client's first
 * suite it supports. ECDHE needs a common curve; TLS 1.3 answers a missing key share with a
 * HelloRetryRequest. A server that {@code downgrades} answers a hello for a version it lacks with the newest
 * version it has below, and without TLS 1.3 it ignores supported_versions and goes by client_version (as GnuTLS
 * without TLS 1.3 and servers older than TLS 1.3 do); otherwise it refuses such a hello with protocol_version.
 */
record FakeServer(Map<ProtocolVersion, List<CipherSuite>> suites, boolean serverOrder, List<NamedGroup> curves,
        List<NamedGroup> tls13Groups, boolean downgrades) {

    static CipherSuite suite(int code) {
        return CipherSuite.of(code);
    }

    ConnectionOutcome answer(ClientHelloSpec hello) {
        boolean readsSupportedVersions = !downgrades || suites.containsKey(ProtocolVersion.TLSv1_3);
        boolean offers13 = hello.supportedVersions().contains(ProtocolVersion.TLSv1_3) && readsSupportedVersions;
        ProtocolVersion version = offers13 ? ProtocolVersion.TLSv1_3 : hello.clientVersion();
        if (!suites.containsKey(version)) {
            Optional<ProtocolVersion> lower = suites.keySet().stream()
                    .filter(v -> v.compareTo(version) < 0 && !v.equals(ProtocolVersion.TLSv1_3)).max(ProtocolVersion::compareTo);
            if (downgrades && !offers13 && lower.isPresent()) {
                return suites.get(lower.get()).stream().filter(hello.cipherSuites()::contains).findFirst()
                        .map(s -> hello(lower.get(), s, Optional.empty(), Optional.empty())).orElse(alert(40));
            }
            return alert(70);
        }
        List<CipherSuite> mine = suites.get(version);
        List<CipherSuite> order = serverOrder ? mine : hello.cipherSuites();
        for (CipherSuite s : order) {
            if (!mine.contains(s) || !hello.cipherSuites().contains(s)) {
                continue;
            }
            if (version.equals(ProtocolVersion.TLSv1_3)) {
                return tls13(hello, s);
            }
            if (s.keyExchange() == KeyExchange.ECDHE) {
                Optional<NamedGroup> curve = curves.stream().filter(hello.supportedGroups()::contains).findFirst();
                if (curve.isEmpty()) {
                    continue;
                }
                return hello(version, s, Optional.empty(), Optional.of(new KeyExchangeParams.Ecdhe(curve.get(), 32)));
            }
            return hello(version, s, Optional.empty(), Optional.empty());
        }
        return alert(40);
    }

    private ConnectionOutcome tls13(ClientHelloSpec hello, CipherSuite s) {
        Optional<NamedGroup> group = tls13Groups.stream().filter(hello.supportedGroups()::contains).findFirst();
        if (group.isEmpty()) {
            return alert(40);
        }
        List<NamedGroup> shared = hello.keyShares().orElse(List.of()).stream().map(KeyShareEntry::group).toList();
        Optional<NamedGroup> share = tls13Groups.stream().filter(shared::contains).findFirst();
        if (share.isPresent()) {
            return hello(ProtocolVersion.TLSv1_3, s, share, Optional.empty());
        }
        return replied(new HelloRetryRequest(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3, s, group,
                Optional.empty(), new byte[0], List.of()));
    }

    static ConnectionOutcome hello(ProtocolVersion v, CipherSuite s, Optional<NamedGroup> share,
            Optional<KeyExchangeParams> kx) {
        ServerHello.FirstFlight flight = new ServerHello.FirstFlight(List.of(new byte[] {0x30, 0}), kx, false, false,
                true, Optional.empty());
        ServerHello sh = new ServerHello(v.equals(ProtocolVersion.TLSv1_3) ? ProtocolVersion.TLSv1_2 : v, v,
                new byte[32], new byte[0], s, 0, List.of(), share, true, Optional.empty(), List.of(), flight);
        return replied(v.equals(ProtocolVersion.TLSv1_3) ? withFlight(sh, List.of(new byte[] {0x30, 0})) : sh);
    }

    /**
     * A TLS 1.3 ServerHello as the engine hands it on: with its encrypted flight read to the Finished (the engine
     * reads one after every TLS 1.3 ServerHello), its CertificateVerify rsa_pss_rsae_sha256, and {@code chain}.
     */
    static ServerHello withFlight(ServerHello sh, List<byte[]> chain) {
        return sh.withEncryptedFlight(chain, new EncryptedFlight(EncryptedFlight.Reached.FINISHED,
                Optional.of(SignatureScheme.RSA_PSS_RSAE_SHA256), EncryptedFlight.SignatureCheck.VERIFIED, false,
                Optional.empty()));
    }

    static ConnectionOutcome alert(int description) {
        return replied(new ServerResponse.Alert(2, AlertDescription.of(description), true));
    }

    static ConnectionOutcome replied(ServerResponse r) {
        return new ConnectionOutcome.Replied(r, new Timings(1000, 2000, 3000));
    }

    static ConnectionOutcome noReply(FailureKind kind) {
        return new ConnectionOutcome.NoReply(Failure.of(kind, kind.label()), Timings.NONE);
    }
}
