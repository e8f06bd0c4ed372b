package io.tlsweep.profile;

import static io.tlsweep.profile.TestProfiles.profile;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tlsweep.prelude.tds.TdsStrictPrelude;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.NamedGroup;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Profiles whose hellos a server cannot tell apart share one: the random, the session id and the key shares'
 * values do not count; a byte anywhere else, the SNI rule and the ALPN a prelude puts in do.
 */
class DistinctHelloTest {
    private static final Optional<String> NAME = Optional.of("host.tlsweep.test");

    @Test
    void twoProfilesWithTheSameHelloShareOneThoughEachHelloHasItsOwnRandomSessionIdAndKeyShare() {
        ClientProfile a = profile("a", ClientFamily.OPENSSL).versions(TLSv1_2, TLSv1_3).suites(0x1301, 0xC02F).build();
        ClientProfile b = profile("b", ClientFamily.JAVA).versions(TLSv1_2, TLSv1_3).suites(0x1301, 0xC02F).build();
        ClientHelloSpec ha = ProfileHello.of(a, NAME);
        ClientHelloSpec hb = ProfileHello.of(b, NAME);
        assertThat(ha.sessionId()).hasSize(32).isNotEqualTo(hb.sessionId());
        assertThat(ClientHelloEncoder.encode(ha)).isNotEqualTo(ClientHelloEncoder.encode(hb));

        List<DistinctHello> distinct = ProfileHello.distinct(List.of(a, b), NAME);

        assertThat(distinct).singleElement().satisfies(d -> {
            assertThat(d.profiles()).containsExactly(a, b);
            assertThat(d.key()).isEqualTo(HelloKey.of(ha)).isEqualTo(HelloKey.of(hb));
            assertThat(d.label()).isEqualTo("profiles a, b");
        });
    }

    @Test
    void hellosOneExtensionByteApartAreTwo() {
        ClientProfile a = profile("a", ClientFamily.OPENSSL).suites(0xC02F).groups("x25519", "secp256r1").build();
        ClientProfile b = profile("b", ClientFamily.OPENSSL).suites(0xC02F).groups("x25519", "secp384r1").build();

        List<DistinctHello> distinct = ProfileHello.distinct(List.of(a, b), NAME);

        assertThat(distinct).extracting(DistinctHello::profiles).containsExactly(List.of(a), List.of(b));
        byte[] ka = distinct.get(0).key().bytes();
        byte[] kb = distinct.get(1).key().bytes();
        assertThat(ka).hasSameSizeAs(kb);
        int apart = 0;
        for (int i = 0; i < ka.length; i++) {
            apart += ka[i] != kb[i] ? 1 : 0;
        }
        assertThat(apart).as("bytes apart (secp256r1 0x0017, secp384r1 0x0018)").isEqualTo(1);
    }

    @Test
    void theSameSuitesInAnotherOrderAreAnotherHello() {
        ClientProfile a = profile("a", ClientFamily.SCHANNEL).suites(0xC02F, 0x009C).build();
        ClientProfile b = profile("b", ClientFamily.SCHANNEL).suites(0x009C, 0xC02F).build();
        ClientProfile c = profile("c", ClientFamily.DOTNET).suites(0xC02F, 0x009C).build();
        assertThat(ProfileHello.distinct(List.of(a, b, c), NAME)).extracting(DistinctHello::profiles)
                .containsExactly(List.of(a, c), List.of(b));
    }

    @Test
    void aClientWithoutSniSendsAnotherHelloOnlyWhereThereIsANameToSend() {
        ClientProfile sni = profile("sni", ClientFamily.JAVA).suites(0xC02F).build();
        ClientProfile none = profile("none", ClientFamily.JAVA).suites(0xC02F).noSni().build();
        assertThat(ProfileHello.distinct(List.of(sni, none), NAME)).hasSize(2);
        assertThat(ProfileHello.distinct(List.of(sni, none), Optional.empty())).singleElement()
                .extracting(DistinctHello::profiles).isEqualTo(List.of(sni, none));
    }

    @Test
    void anAlpnThePreludePutsInEveryHelloReplacesTheClientsOwn() {
        ClientProfile h2 = profile("h2", ClientFamily.BROWSER).suites(0xC02F).alpn("h2", "http/1.1").build();
        ClientProfile plain = profile("plain", ClientFamily.BROWSER).suites(0xC02F).build();
        assertThat(ProfileHello.distinct(List.of(h2, plain), NAME)).hasSize(2);

        List<DistinctHello> strict = ProfileHello.distinct(List.of(h2, plain), NAME, List.of("tds/8.0"));

        assertThat(strict).singleElement().satisfies(d -> {
            assertThat(d.profiles()).containsExactly(h2, plain);
            assertThat(d.hello().alpn()).containsExactly("tds/8.0");
        });
    }

    @Test
    void theKeyCountsTheSessionIdsAndKeySharesLengthsButNotTheirBytes() {
        ClientHelloSpec.Builder base = ClientHelloSpec.builder().cipherSuites(List.of(CipherSuite.of(0x1301)))
                .supportedVersions(List.of(TLSv1_3)).supportedGroups(List.of(NamedGroup.X25519));
        ClientHelloSpec one = base.randomSessionId().keyShares(List.of(share(1, 32))).build();
        ClientHelloSpec two = base.random(ClientHelloSpec.freshRandom()).randomSessionId()
                .keyShares(List.of(share(2, 32))).build();
        assertThat(HelloKey.of(one)).isEqualTo(HelloKey.of(two)).hasSameHashCodeAs(HelloKey.of(two));

        assertThat(HelloKey.of(base.sessionId(new byte[0]).build())).isNotEqualTo(HelloKey.of(one));
        assertThat(HelloKey.of(base.randomSessionId().keyShares(List.of(share(1, 33))).build()))
                .isNotEqualTo(HelloKey.of(one));
    }

    private static KeyShareEntry share(int fill, int length) {
        byte[] value = new byte[length];
        Arrays.fill(value, (byte) fill);
        return new KeyShareEntry(NamedGroup.X25519, value);
    }

    /**
     * The built-in profiles on each kind of endpoint, with and without a name to send: every profile in exactly
     * one distinct hello; the counts are the README's. A service's client that sends its Windows' Schannel hello
     * shares it wherever that Schannel profile applies too, and on a strict SQL Server endpoint the ALPN the prelude
     * puts in every hello makes ODBC Driver 18's the same as Windows 10's.
     */
    @Test
    void theBuiltInProfilesSendTheReadmesNumberOfDistinctHellosOnEachKindOfEndpoint() {
        List<ClientProfile> all = ProfileFile.builtIn().profiles();
        Map<String, List<Integer>> profilesAndHellos = new LinkedHashMap<>();
        for (String service : List.of("tls", "smtp", "rdp", "mssql", "mssql-strict")) {
            List<ClientProfile> applying = all.stream().filter(p -> p.appliesTo(service)).toList();
            List<String> alpn = service.equals("mssql-strict") ? List.of(TdsStrictPrelude.ALPN) : List.of();
            for (Optional<String> name : List.of(NAME, Optional.<String>empty())) {
                List<DistinctHello> distinct = ProfileHello.distinct(applying, name, alpn);
                assertThat(distinct.stream().flatMap(d -> d.profiles().stream())).as(service)
                        .containsExactlyInAnyOrderElementsOf(applying);
                assertThat(distinct.stream().map(DistinctHello::key).distinct()).hasSameSizeAs(distinct);
                System.out.printf("%s, %s: %d profiles, %d distinct hellos; shared: %s%n", service,
                        name.isPresent() ? "a name" : "no name", applying.size(), distinct.size(),
                        distinct.stream().filter(d -> d.profiles().size() > 1).map(DistinctHello::label).toList());
                profilesAndHellos.put(service + (name.isPresent() ? "" : ", no name"),
                        List.of(applying.size(), distinct.size()));
            }
        }
        assertThat(profilesAndHellos).containsExactly(entry("tls", List.of(29, 23)), entry("tls, no name",
                List.of(29, 23)), entry("smtp", List.of(25, 21)), entry("smtp, no name", List.of(25, 21)),
                entry("rdp", List.of(29, 22)), entry("rdp, no name", List.of(29, 22)), entry("mssql", List.of(31, 22)),
                entry("mssql, no name", List.of(31, 22)), entry("mssql-strict", List.of(26, 21)),
                entry("mssql-strict, no name", List.of(26, 21)));
        // the two 24H2 Windows share their Schannel hello, and current Java 21 sends what the Java 25 capture shows
        assertThat(ProfileHello.distinct(all.stream().filter(p -> p.appliesTo("tls")).toList(), NAME))
                .extracting(d -> d.profiles().stream().map(ClientProfile::id).toList())
                .contains(List.of("win11-24h2-schannel", "win2025-schannel"), List.of("java21", "java25"),
                        List.of("openssl-3.5"));
        assertThat(ProfileHello.distinct(all.stream().filter(p -> p.appliesTo("rdp")).toList(), NAME))
                .extracting(d -> d.profiles().stream().map(ClientProfile::id).toList())
                .contains(List.of("win7-schannel", "dotnet35-win7", "rdp-win7"), List.of("win10-schannel", "rdp-win10"),
                        List.of("win11-schannel", "rdp-win11"));
        assertThat(ProfileHello.distinct(all.stream().filter(p -> p.appliesTo("mssql-strict")).toList(), NAME,
                List.of(TdsStrictPrelude.ALPN))).extracting(d -> d.profiles().stream().map(ClientProfile::id).toList())
                .contains(List.of("win10-schannel", "odbc18-win2019"));
    }
}
