package io.tlsweep.profile;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Hand-built client profiles for tests: {@code profile("win7", SCHANNEL).versions(SSLv3, TLSv1_0).suites(0xC014,
 * 0x002F).build()}. Every fact cites the source "test".
 */
public final class TestProfiles {
    private final String id;
    private final ClientFamily family;
    private List<ProtocolVersion> versions = List.of(ProtocolVersion.TLSv1_2);
    private List<ProtocolVersion> completes;
    private final List<CipherSuite> suites = new ArrayList<>();
    private final List<CipherSuite> tls13 = new ArrayList<>();
    private List<NamedGroup> groups = List.of(NamedGroup.byName("x25519").orElseThrow(),
            NamedGroup.byName("secp256r1").orElseThrow(), NamedGroup.byName("secp384r1").orElseThrow());
    private boolean sni = true;
    private boolean legacySignaturesRefused;
    private List<String> alpn;
    private List<String> services;
    private List<NamedGroup> keyShares;

    private TestProfiles(String id, ClientFamily family) {
        this.id = id;
        this.family = family;
    }

    public static TestProfiles profile(String id, ClientFamily family) {
        return new TestProfiles(id, family);
    }

    public TestProfiles versions(ProtocolVersion... offered) {
        versions = List.of(offered);
        return this;
    }

    public TestProfiles completes(ProtocolVersion... finished) {
        completes = List.of(finished);
        return this;
    }

    public TestProfiles suites(int... codes) {
        Arrays.stream(codes).mapToObj(CipherSuite::of).forEach(s -> (s.isTls13() ? tls13 : suites).add(s));
        return this;
    }

    public TestProfiles groups(String... names) {
        groups = Arrays.stream(names).map(n -> NamedGroup.byName(n).orElseThrow()).toList();
        return this;
    }

    public TestProfiles refusingLegacySignatures() {
        legacySignaturesRefused = true;
        return this;
    }

    /** Limits the profile to these services' endpoints; without it the profile applies to every endpoint. */
    public TestProfiles services(String... names) {
        services = List.of(names);
        return this;
    }

    /** The ALPN protocols the client offers; without it the hello carries no ALPN. */
    public TestProfiles alpn(String... protocols) {
        alpn = List.of(protocols);
        return this;
    }

    /** The groups the client sends TLS 1.3 key shares for; without it tlsweep sends one, for the first it can. */
    public TestProfiles keyShares(String... names) {
        keyShares = Arrays.stream(names).map(n -> NamedGroup.byName(n).orElseThrow()).toList();
        return this;
    }

    public TestProfiles noSni() {
        sni = false;
        return this;
    }

    public ClientProfile build() {
        return new ClientProfile(id, id + " (test)", family, fact(versions),
                fact(completes == null ? versions : completes), fact(List.copyOf(suites)), fact(List.copyOf(tls13)),
                fact(groups), Optional.empty(), fact(sni), fact(HelloFormat.TLS), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.ofNullable(alpn).map(TestProfiles::fact),
                legacySignaturesRefused ? Optional.of(fact(true)) : Optional.empty(),
                Optional.ofNullable(services).map(TestProfiles::fact),
                Optional.ofNullable(keyShares).map(TestProfiles::fact));
    }

    private static <T> Fact<T> fact(T value) {
        return new Fact<>(value, List.of("test"), Confidence.H, "");
    }
}
