package io.tlsweep.probe;

import static io.tlsweep.probe.FakeServer.suite;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Whose order decides is proven by the same pair of suites offered both ways, never by the order the enumeration
 * happened to find: servers that bend their rule (the JDK takes its legacy suites last even when it follows the
 * client) are found in neither pure order.
 */
class PreferenceCheckTest {
    private static final Target TARGET = new Target("127.0.0.1:443", "127.0.0.1", 443, Optional.empty(), true, "test");
    /** Suites tlsweep offers in this order: 3DES (offered early), then AES-128-CBC, AES-256-CBC, AES-128-GCM. */
    private static final CipherSuite TRIPLE_DES = suite(0x000A);
    private static final List<CipherSuite> MODERN = List.of(suite(0x002F), suite(0x0035), suite(0x009C));
    /** SSLv3, TLS 1.0, TLS 1.1 and TLS 1.3 each refused by one hello. */
    private static final int REFUSED_VERSIONS = 4;

    private static TargetResult scan(Function<ClientHelloSpec, ConnectionOutcome> server) {
        TargetScan plan = TargetScanTest.drive(new TargetScan(Optional.empty(), ScanOptions.full()), server);
        return TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
    }

    /** A TLS 1.2-only server choosing with {@code rule} among {@code supported}. */
    private static Function<ClientHelloSpec, ConnectionOutcome> tls12Only(
            Function<ClientHelloSpec, Optional<CipherSuite>> rule) {
        return hello -> {
            if (!hello.supportedVersions().isEmpty() || !hello.clientVersion().equals(ProtocolVersion.TLSv1_2)) {
                return FakeServer.alert(70);
            }
            return rule.apply(hello).map(s -> FakeServer.hello(ProtocolVersion.TLSv1_2, s, Optional.empty(),
                    Optional.empty())).orElse(FakeServer.alert(40));
        };
    }

    @Test
    void aServerFollowingTheClientButTakingLegacySuitesLastIsInClientOrder() {
        TargetResult r = scan(tls12Only(hello -> hello.cipherSuites().stream().filter(MODERN::contains).findFirst()
                .or(() -> hello.cipherSuites().stream().filter(TRIPLE_DES::equals).findFirst())));
        ProtocolSupport tls12 = r.protocols().get(0);
        assertThat(tls12.cipherSuites()).containsExactly(suite(0x002F), suite(0x0035), suite(0x009C), TRIPLE_DES);
        assertThat(tls12.order()).isEqualTo(PreferenceOrder.CLIENT);
        assertThat(r.notes()).containsExactly("TLSv1.2: follows the client's order, but chose "
                + "TLS_RSA_WITH_3DES_EDE_CBC_SHA only after suites offered later");
        // the pair (002F, 0035) was offered in that order by the enumeration's first hello, which chose 002F: only the
        // reversed pair is sent
        assertThat(r.connections()).isEqualTo(4 + 1 + 1 + REFUSED_VERSIONS);
    }

    @Test
    void theSameSuiteChosenFromThePairBothWaysIsAServerOrder() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, List.of(suite(0x009C), suite(0x002F),
                suite(0x0035))), true, List.of(NamedGroup.X25519), List.of(NamedGroup.X25519), false);
        TargetResult r = scan(server::answer);
        assertThat(r.protocols().get(0).order()).isEqualTo(PreferenceOrder.SERVER);
        assertThat(r.protocols().get(0).cipherSuites()).containsExactly(suite(0x009C), suite(0x002F), suite(0x0035));
        assertThat(r.connections()).isEqualTo(3 + 1 + 2 + REFUSED_VERSIONS);
    }

    @Test
    void aServerTakingTheLastSuiteOfferedIsNeitherOrder() {
        TargetResult r = scan(tls12Only(hello -> hello.cipherSuites().stream().filter(MODERN::contains)
                .reduce((first, later) -> later)));
        assertThat(r.protocols().get(0).order()).isEqualTo(PreferenceOrder.UNKNOWN);
        assertThat(r.notes()).singleElement().asString().contains("took the second of two suites in both orders");
    }

    /**
     * A server that turns down hellos of more than 150 suites gets chunks of 128: its preferred suite lies beyond
     * the first chunk, so the order the chunks found is not its order until rebuilt.
     */
    @Test
    void aServerOrderFoundAcrossChunksIsRebuiltAfterThePairProvesIt() {
        CipherSuite inSecondChunk = OfferOrder.candidates(ProtocolVersion.TLSv1_2).stream().skip(128)
                .filter(s -> s.keyExchange() != KeyExchange.ECDHE).findFirst().orElseThrow();
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, List.of(inSecondChunk, suite(0x002F))),
                true, List.of(NamedGroup.X25519), List.of(NamedGroup.X25519), false);
        TargetResult r = scan(h -> h.cipherSuites().size() > 150 ? FakeServer.alert(50) : server.answer(h));
        ProtocolSupport tls12 = r.protocols().get(0);
        assertThat(tls12.order()).isEqualTo(PreferenceOrder.SERVER);
        assertThat(tls12.cipherSuites()).containsExactly(inSecondChunk, suite(0x002F));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("TLSv1.2: a hello of 362 suites")
                && n.endsWith("size intolerance, offers cut to at most 128 suites in 512 bytes"));
        int candidates = OfferOrder.candidates(ProtocolVersion.TLSv1_2).size();
        // TLS 1.2: the decode_error to every candidate, the 2 accepted, the others in chunks of 128 turned down;
        // the pair both ways, then one hello with both suites to rebuild the order (accepted - 1); SSLv3 and
        // TLS 1.1, started before the size was known, each a decode_error and a protocol_version; TLS 1.0 (first
        // contact's hello of 128) and TLS 1.3 (128 suites) a protocol_version each
        assertThat(r.connections()).isEqualTo(1 + 2 + (candidates - 2 + 127) / 128 + 2 + 1 + 2 * 2 + 2);
    }

    @Test
    void thePairLeavesChaCha20OutWhileTwoOthersRemain() {
        assertThat(PreferenceCheck.pair(List.of(suite(0xCCA8), suite(0xC02F), suite(0xC030))))
                .containsExactly(suite(0xC02F), suite(0xC030));
        assertThat(PreferenceCheck.pair(List.of(suite(0xCCA8), suite(0xC02F)))).containsExactly(suite(0xCCA8),
                suite(0xC02F));
    }
}
