package io.tlsweep.probe;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.KeyExchangeParams;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scripted server that negotiates versions as RFC 5246 and RFC 8446 servers do, for re-check tests: the
 * highest version it accepts among those offered (supported_versions when present, else every version up to
 * the legacy version field), refused with protocol_version when there is none; then its own first suite the
 * client offered (server order, with OpenSSL's ChaCha20 priority when the client's first suite is ChaCha20)
 * or the client's first suite it accepts (client order), refused with handshake_failure when there is none.
 * Its first flight carries {@code leaf}; TLS 1.3 answers an empty key_share with a HelloRetryRequest.
 *
 * @param suites per accepted version, its suites in its own order
 */
record ModelServer(Map<ProtocolVersion, List<CipherSuite>> suites, boolean serverOrder, boolean chachaPriority,
        byte[] leaf) {
    private static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);

    ModelServer with(ProtocolVersion v, List<CipherSuite> list) {
        Map<ProtocolVersion, List<CipherSuite>> changed = new java.util.HashMap<>(suites);
        changed.put(v, list);
        return new ModelServer(Map.copyOf(changed), serverOrder, chachaPriority, leaf);
    }

    ModelServer without(ProtocolVersion v) {
        Map<ProtocolVersion, List<CipherSuite>> changed = new java.util.HashMap<>(suites);
        changed.remove(v);
        return new ModelServer(Map.copyOf(changed), serverOrder, chachaPriority, leaf);
    }

    ModelServer order(boolean server) {
        return new ModelServer(suites, server, chachaPriority, leaf);
    }

    ModelServer leaf(byte[] certificate) {
        return new ModelServer(suites, serverOrder, chachaPriority, certificate);
    }

    ConnectionOutcome answer(ClientHelloSpec h) {
        List<ProtocolVersion> offered = !h.supportedVersions().isEmpty() ? h.supportedVersions()
                : ProtocolVersion.HELLO_VERSIONS.stream().filter(v -> v.compareTo(h.clientVersion()) <= 0
                        && !v.equals(ProtocolVersion.TLSv1_3)).toList();
        Optional<ProtocolVersion> version = offered.stream().filter(suites::containsKey)
                .max(Comparator.naturalOrder());
        if (version.isEmpty()) {
            return FakeServer.alert(70);
        }
        ProtocolVersion v = version.get();
        List<CipherSuite> mine = suites.get(v);
        for (CipherSuite s : preference(mine, h.cipherSuites())) {
            if (!mine.contains(s) || !h.cipherSuites().contains(s)) {
                continue;
            }
            Optional<NamedGroup> group = GROUPS.stream().filter(h.supportedGroups()::contains).findFirst();
            if (v.equals(ProtocolVersion.TLSv1_3)) {
                if (group.isEmpty()) {
                    continue;
                }
                List<NamedGroup> shared = h.keyShares().orElse(List.of()).stream().map(KeyShareEntry::group)
                        .toList();
                Optional<NamedGroup> share = GROUPS.stream().filter(shared::contains).findFirst();
                if (share.isEmpty()) {
                    return FakeServer.replied(new HelloRetryRequest(ProtocolVersion.TLSv1_2, v, s, group,
                            Optional.empty(), new byte[0], List.of()));
                }
                return hello(v, s, share, Optional.empty());
            }
            if (s.keyExchange() == KeyExchange.ECDHE) {
                if (group.isEmpty()) {
                    continue;
                }
                return hello(v, s, Optional.empty(), Optional.of(new KeyExchangeParams.Ecdhe(group.get(), 32)));
            }
            return hello(v, s, Optional.empty(), Optional.empty());
        }
        return FakeServer.alert(40);
    }

    private List<CipherSuite> preference(List<CipherSuite> mine, List<CipherSuite> offered) {
        if (!serverOrder) {
            return offered;
        }
        if (chachaPriority && !offered.isEmpty() && offered.get(0).cipher() == BulkCipher.CHACHA20_POLY1305) {
            List<CipherSuite> chachaFirst = new ArrayList<>(mine);
            chachaFirst.sort(Comparator.comparing(s -> s.cipher() != BulkCipher.CHACHA20_POLY1305));
            return chachaFirst;
        }
        return mine;
    }

    private ConnectionOutcome hello(ProtocolVersion v, CipherSuite s, Optional<NamedGroup> share,
            Optional<KeyExchangeParams> kx) {
        ServerHello.FirstFlight flight = v.equals(ProtocolVersion.TLSv1_3) ? ServerHello.FirstFlight.NONE
                : new ServerHello.FirstFlight(List.of(leaf), kx, false, false, true, Optional.empty());
        ServerHello sh = new ServerHello(v.equals(ProtocolVersion.TLSv1_3) ? ProtocolVersion.TLSv1_2 : v, v,
                new byte[32], new byte[0], s, 0, List.of(), share, true, Optional.empty(), List.of(), flight);
        return FakeServer.replied(v.equals(ProtocolVersion.TLSv1_3) ? FakeServer.withFlight(sh, List.of(leaf)) : sh);
    }
}
