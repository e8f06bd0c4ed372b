package io.tlsweep.profile;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.HybridKeyShares;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The ClientHello a profile's client sends: its versions, its suites in its order (TLS 1.3 suites first), its
 * groups, signature algorithms and extensions. Where tlsweep cannot reproduce the client exactly it says so in
 * {@link #deviations}: an SSLv2-format hello is sent in TLS format, and TLS 1.3 carries the real key shares the
 * profile states it sends ({@code keyShares}), or, where no source states them, one for the first offered group
 * this JVM can generate.
 */
public final class ProfileHello {
    private ProfileHello() {
    }

    /** The hello, with {@code serverName} as SNI when the client sends SNI and a name is known. */
    public static ClientHelloSpec of(ClientProfile p, Optional<String> serverName) {
        ProtocolVersion max = p.maxVersion();
        List<CipherSuite> suites = new ArrayList<>(p.tls13CipherSuites().value());
        suites.addAll(p.cipherSuites().value());
        boolean scsv = p.renegotiationScsv().map(Fact::value).orElse(false);
        boolean tlsFormat = p.helloFormat().value() == HelloFormat.TLS;
        if (scsv) {
            suites.add(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        }
        ClientHelloSpec.Builder b = ClientHelloSpec.builder()
                .recordVersion(max.equals(ProtocolVersion.SSLv3) ? ProtocolVersion.SSLv3 : ProtocolVersion.TLSv1_0)
                .clientVersion(max.atLeast(ProtocolVersion.TLSv1_2) ? ProtocolVersion.TLSv1_2 : max)
                .random(nonce())
                .cipherSuites(suites);
        if (!tlsFormat) {
            return b.build();
        }
        if (p.sni().value()) {
            serverName.ifPresent(b::serverName);
        }
        List<NamedGroup> groups = p.groups().value();
        if (!groups.isEmpty()) {
            b.supportedGroups(groups).ecPointFormats((byte) 0);
        }
        p.signatureAlgorithms().ifPresent(f -> b.signatureAlgorithms(f.value()));
        b.renegotiationInfo(!scsv);
        p.extendedMasterSecret().ifPresent(f -> b.extendedMasterSecret(f.value()));
        p.statusRequest().ifPresent(f -> b.statusRequest(f.value()));
        p.sessionTicket().ifPresent(f -> b.sessionTicket(f.value()));
        p.alpn().ifPresent(f -> b.alpn(f.value()));
        if (p.offers(ProtocolVersion.TLSv1_3)) {
            b.supportedVersions(p.versions().value().stream().filter(v -> !v.equals(ProtocolVersion.SSLv3))
                    .sorted(Comparator.reverseOrder()).toList())
                    .sessionId(nonce())
                    .keyShares(keyShares(p))
                    .pskKeyExchangeModes((byte) 1);
        }
        return b.build();
    }

    /**
     * The distinct hellos of {@code profiles} ({@link #of} each): profiles whose hellos a server cannot tell apart
     * ({@link HelloKey}) share one, in the order their first profile comes.
     */
    public static List<DistinctHello> distinct(List<ClientProfile> profiles, Optional<String> serverName) {
        return distinct(profiles, serverName, List.of());
    }

    /**
     * As {@link #distinct(List, Optional)} on an endpoint whose prelude puts {@code alpn} in every hello in place of
     * the hello's own (TDS 8.0 strict encryption); an empty list leaves each hello's own.
     */
    public static List<DistinctHello> distinct(List<ClientProfile> profiles, Optional<String> serverName,
            List<String> alpn) {
        Map<HelloKey, List<ClientProfile>> members = new LinkedHashMap<>();
        Map<HelloKey, ClientHelloSpec> hellos = new LinkedHashMap<>();
        for (ClientProfile p : profiles) {
            ClientHelloSpec hello = of(p, serverName);
            if (!alpn.isEmpty()) {
                hello = hello.toBuilder().alpn(alpn).build();
            }
            HelloKey key = HelloKey.of(hello);
            hellos.putIfAbsent(key, hello);
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        return members.entrySet().stream().map(e -> new DistinctHello(e.getKey(), hellos.get(e.getKey()),
                e.getValue())).toList();
    }

    /** Where the hello sent differs from the client's own, in words for a report; empty when it does not. */
    public static List<String> deviations(ClientProfile p) {
        List<String> d = new ArrayList<>();
        if (p.helloFormat().value() == HelloFormat.SSLV2) {
            d.add("the client sends an SSLv2-format hello; tlsweep sends the same versions and suites in TLS format");
        }
        if (p.offers(ProtocolVersion.TLSv1_3)) {
            List<NamedGroup> stated = p.keyShares().map(Fact::value).orElse(List.of());
            List<NamedGroup> sent = keyShares(p).stream().map(KeyShareEntry::group).toList();
            if (stated.isEmpty() || !sent.equals(stated)) {
                d.add("TLS 1.3 key share sent for " + (sent.isEmpty() ? "no group" : sent.stream()
                        .map(NamedGroup::toString).collect(Collectors.joining(", "))) + " only; a server wanting"
                        + " another offered group asks with a HelloRetryRequest, as the client would be asked");
            }
        }
        return d;
    }

    /**
     * The key shares sent: one for each group the profile states it shares, for those tlsweep can make (the classic
     * groups and the ML-KEM hybrids); without that fact, one for the first offered group with a classic share.
     */
    static List<KeyShareEntry> keyShares(ClientProfile p) {
        return p.keyShares().map(f -> f.value().stream()
                .flatMap(g -> KeyShares.entry(g).or(() -> HybridKeyShares.entry(g)).stream()).toList())
                .orElseGet(() -> p.groups().value().stream().filter(KeyShares::canGenerate).findFirst()
                        .flatMap(KeyShares::entry).stream().toList());
    }

    /** A hello random: nothing secret rests on it, as the handshake is never completed. */
    private static byte[] nonce() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
