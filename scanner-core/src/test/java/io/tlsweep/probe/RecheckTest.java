package io.tlsweep.probe;

import static io.tlsweep.probe.FakeServer.suite;
import static io.tlsweep.wire.ProtocolVersion.SSLv3;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The re-check against every change class: the baseline is what the real scan plan finds on a scripted server,
 * the re-check's hellos are answered by the server as changed, and each change either differs (with the words
 * that say which hello saw it) or, for the blind spots the README lists, does not. The connection budget holds
 * in every case.
 */
class RecheckTest {
    private static final Target TARGET = new Target("127.0.0.1:443", "127.0.0.1", 443, Optional.empty(), true, "test");
    private static final List<CipherSuite> TLS12 = List.of(suite(0xC02F), suite(0xC030), suite(0xCCA8), suite(0xC013),
            suite(0x009C), suite(0x002F));
    private static final List<CipherSuite> TLS10 = List.of(suite(0xC013), suite(0xC014), suite(0x002F), suite(0x0035));
    private static final List<CipherSuite> TLS13 = List.of(suite(0x1302), suite(0x1301), suite(0x1303));
    private static final List<CipherSuite> SSL3 = List.of(suite(0x0035), suite(0x002F), suite(0x000A));
    private static final byte[] LEAF = {0x30, 0x03, 0x02, 0x01, 0x01};
    private static final byte[] OTHER_LEAF = {0x30, 0x03, 0x02, 0x01, 0x02};

    /** nginx-like: TLS 1.0 to 1.3, its own order. */
    private static final ModelServer SERVER_ORDER = new ModelServer(Map.of(TLSv1_0, TLS10, TLSv1_1, TLS10,
            TLSv1_2, TLS12, TLSv1_3, TLS13), true, false, LEAF);
    private static final ModelServer CLIENT_ORDER = SERVER_ORDER.order(false);
    private static final ModelServer TLS12_ONLY = new ModelServer(Map.of(TLSv1_2, TLS12), true, false, LEAF);

    /** What a full scan of {@code server} finds, as a baseline (as BaselineIndex reads it from a result line). */
    static Baseline baseline(ModelServer server) {
        TargetScan plan = TargetScanTest.drive(new TargetScan(Optional.empty(), ScanOptions.full()), server::answer);
        TargetResult r = TargetResults.of(plan, TARGET, Optional.of("127.0.0.1"), Optional.empty(), 5);
        assertThat(r.protocols()).extracting(ProtocolSupport::version)
                .containsExactlyElementsOf(server.suites().keySet().stream().sorted().toList());
        List<Baseline.Version> versions = r.protocols().stream()
                .map(p -> new Baseline.Version(p.version(), p.cipherSuites(), p.order())).toList();
        return new Baseline(versions, r.certificateChain().stream().findFirst().map(RecheckTest::sha256));
    }

    /** The re-check of {@code baseline}, its hellos answered by {@code now}. */
    static Recheck recheck(Baseline baseline, Function<ClientHelloSpec,
            ConnectionOutcome> now, boolean legacyWatch) {
        Recheck r = new Recheck(baseline, Optional.empty(), legacyWatch, 1 << 25);
        for (ProbeStep s : r.ready()) {
            r.complete(s, now.apply(s.hello()));
        }
        assertThat(r.done()).isTrue();
        assertThat(r.ready()).isEmpty();
        assertThat(r.connections()).isLessThanOrEqualTo(baseline.versions().size() + 1 + (legacyWatch ? 1 : 0));
        return r;
    }

    @Test
    void anUnchangedServerOrderedEndpointCostsOneHelloPerVersionPlusTheAddedSuitesHelloAndTheWatch() {
        Baseline b = baseline(SERVER_ORDER);
        Recheck r = recheck(b, SERVER_ORDER::answer, true);
        assertThat(r.differences()).isEmpty();
        assertThat(r.unchanged()).isTrue();
        assertThat(r.connections()).isEqualTo(4 + 1 + 1);
        assertThat(recheck(b, SERVER_ORDER::answer, false).connections()).isEqualTo(4 + 1);
    }

    @Test
    void anUnchangedClientOrderedEndpointCostsOneHelloPerVersion() {
        Recheck r = recheck(baseline(CLIENT_ORDER), CLIENT_ORDER::answer, false);
        assertThat(r.differences()).isEmpty();
        assertThat(r.connections()).isEqualTo(4);
    }

    @Test
    void aChaCha20PriorityServerIsNeverOfferedChaCha20FirstSoItKeepsItsOwnFirstChoice() {
        ModelServer chacha = new ModelServer(Map.of(TLSv1_2, TLS12, TLSv1_3, TLS13), true, true, LEAF);
        assertThat(recheck(baseline(chacha), chacha::answer, true).differences()).isEmpty();
        // a baseline with every TLS 1.3 candidate in server order, ChaCha20 last: reversed, the hello would start
        // with ChaCha20 (a scan finds ChaCha20 earlier on such a server, as it offers it first on the way)
        List<CipherSuite> all13 = new ArrayList<>(OfferOrder.candidates(TLSv1_3));
        all13.remove(suite(0x1303));
        all13.add(suite(0x1303));
        ModelServer everything = new ModelServer(Map.of(TLSv1_3, all13), true, true, LEAF);
        Baseline b = new Baseline(List.of(new Baseline.Version(TLSv1_3, all13, PreferenceOrder.SERVER)),
                Optional.empty());
        Recheck r = recheck(b, everything::answer, false);
        assertThat(r.differences()).isEmpty();
        assertThat(r.connections()).isEqualTo(1); // nothing left unaccepted: no added-suites hello
    }

    @Test
    void eachHelloOffersItsVersionUpToTheVersionJustBelowTheNextAcceptedOne() {
        ModelServer gap = new ModelServer(Map.of(SSLv3, SSL3, TLSv1_2, TLS12), true, false, LEAF);
        Baseline b = baseline(gap);
        Recheck r = new Recheck(b, Optional.empty(), true, 0);
        // SSL 3.0 up to TLS 1.1, TLS 1.2 up to TLS 1.3, then the added-suites hello at TLS 1.2; no watch below SSL 3.0
        assertThat(r.ready()).extracting(s -> s.hello().highestOffered()).containsExactly(TLSv1_1, TLSv1_3, TLSv1_2);
        assertThat(recheck(b, gap::answer, true).differences()).isEmpty();
    }

    static Stream<Arguments> changes() {
        ModelServer tls10to12 = new ModelServer(Map.of(TLSv1_0, TLS10, TLSv1_2, TLS12), true, false, LEAF);
        ModelServer modern = new ModelServer(Map.of(TLSv1_2, TLS12, TLSv1_3, TLS13), true, false, LEAF);
        ModelServer tls13Only = new ModelServer(Map.of(TLSv1_3, TLS13), true, false, LEAF);
        return Stream.of(
                // versions switched off: the hello for the version gets a refusal or an older version
                Arguments.of("TLS 1.0 and 1.1 switched off", SERVER_ORDER, SERVER_ORDER.without(TLSv1_0)
                        .without(TLSv1_1), false, List.of("TLSv1.0: expected TLSv1.0"
                        + " TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, got alert", "TLSv1.1: expected TLSv1.1"
                        + " TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, got alert")),
                Arguments.of("TLS 1.2 switched off, TLS 1.1 kept", SERVER_ORDER, SERVER_ORDER.without(TLSv1_2), false,
                        List.of("TLSv1.2: expected TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, got TLSv1.1"
                                + " TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")),
                Arguments.of("TLS 1.3 switched off", SERVER_ORDER, SERVER_ORDER.without(TLSv1_3), false,
                        List.of("TLSv1.3: expected TLSv1.3 TLS_AES_256_GCM_SHA384, got alert")),
                // versions switched on: above the best, between two accepted, below the oldest (the watch)
                Arguments.of("TLS 1.3 switched on", TLS12_ONLY, TLS12_ONLY.with(TLSv1_3, TLS13), false,
                        List.of("TLSv1.2 (offered up to TLSv1.3): expected TLSv1.2"
                                + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, got TLSv1.3 TLS_AES_256_GCM_SHA384")),
                Arguments.of("TLS 1.1 switched on between 1.0 and 1.2", tls10to12, tls10to12.with(TLSv1_1, TLS10),
                        false, List.of("TLSv1.0 (offered up to TLSv1.1): expected TLSv1.0"
                                + " TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, got TLSv1.1")),
                Arguments.of("TLS 1.0 back below TLS 1.2 (watch)", modern, modern.with(TLSv1_0, TLS10), true,
                        List.of("TLSv1.1 and older (off before): expected a refusal, got TLSv1.0")),
                Arguments.of("TLS 1.2 back on a TLS 1.3-only endpoint (watch)", tls13Only, tls13Only.with(TLSv1_2,
                        TLS12), true, List.of("TLSv1.2 and older (off before): expected a refusal, got TLSv1.2")),
                Arguments.of("SSL 3.0 back below TLS 1.0 (watch)", SERVER_ORDER, SERVER_ORDER.with(SSLv3, SSL3),
                        true, List.of("SSLv3 and older (off before): expected a refusal, got SSLv3")),
                // suites: a new first choice, an added suite anywhere (server order: the added-suites hello)
                Arguments.of("a suite added above the first choice", SERVER_ORDER, SERVER_ORDER.with(TLSv1_2,
                        prepend(suite(0x009D), TLS12)), false, List.of("TLSv1.2: expected TLSv1.2"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, got TLSv1.2 TLS_RSA_WITH_AES_256_GCM_SHA384")),
                Arguments.of("a suite added last (server order, TLS 1.2)", SERVER_ORDER, SERVER_ORDER.with(TLSv1_2,
                        append(TLS12, suite(0x000A))), false, List.of("TLSv1.2: the "
                        + (OfferOrder.candidates(TLSv1_2).size() - TLS12.size()) + " suites not accepted before:"
                        + " expected a refusal, got TLSv1.2 TLS_RSA_WITH_3DES_EDE_CBC_SHA")),
                Arguments.of("a suite added last (client order, TLS 1.0)", CLIENT_ORDER, CLIENT_ORDER.with(TLSv1_0,
                        append(TLS10, suite(0x000A))), false, List.of("TLSv1.0: expected TLSv1.0"
                        + " TLS_RSA_WITH_AES_128_CBC_SHA, got TLSv1.0 TLS_RSA_WITH_3DES_EDE_CBC_SHA")),
                Arguments.of("the first choice removed", SERVER_ORDER, SERVER_ORDER.with(TLSv1_2, TLS12.subList(1, 6)),
                        false, List.of("TLSv1.2: expected TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, got TLSv1.2"
                                + " TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")),
                // order
                Arguments.of("a new TLS 1.3 first choice while TLS 1.2 is served too", SERVER_ORDER,
                        SERVER_ORDER.with(TLSv1_3, swap(TLS13, 0, 1)), false, List.of("TLSv1.3: expected TLSv1.3"
                        + " TLS_AES_256_GCM_SHA384, got TLSv1.3 TLS_AES_128_GCM_SHA256")),
                Arguments.of("a new first choice among the same suites", SERVER_ORDER, SERVER_ORDER.with(TLSv1_2,
                        swap(TLS12, 0, 1)), false, List.of("TLSv1.2: expected TLSv1.2"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, got TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")),
                Arguments.of("server order switched to client order", SERVER_ORDER, CLIENT_ORDER, false,
                        List.of("TLSv1.2: expected TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, got TLSv1.2"
                                + " TLS_RSA_WITH_AES_128_CBC_SHA")),
                Arguments.of("client order switched to a server order with another first choice", CLIENT_ORDER,
                        SERVER_ORDER, false, List.of("TLSv1.2: expected TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA, got"
                                + " TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")),
                // certificate, and an endpoint gone
                Arguments.of("the certificate changed", SERVER_ORDER, SERVER_ORDER.leaf(OTHER_LEAF), false,
                        List.of("TLSv1.2: the certificate changed")),
                Arguments.of("nothing listens any more", SERVER_ORDER, (Function<ClientHelloSpec,
                        ConnectionOutcome>) h -> FakeServer.noReply(FailureKind.CONNECT_REFUSED),
                        false, List.of("TLSv1.2: expected TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, got"
                                + " connect-refused")),
                // the blind spots the README lists: the re-check calls these unchanged
                Arguments.of("blind: a suite removed that was not the first choice", SERVER_ORDER,
                        SERVER_ORDER.with(TLSv1_2, TLS12.subList(0, 5)), false, List.of()),
                Arguments.of("blind: the server's order changed below its first choice", SERVER_ORDER,
                        SERVER_ORDER.with(TLSv1_2, swap(TLS12, 1, 2)), false, List.of()),
                Arguments.of("blind: a suite added below the first choice of another version than the certificate's",
                        SERVER_ORDER, SERVER_ORDER.with(TLSv1_0, append(TLS10, suite(0x000A))), false, List.of()),
                Arguments.of("blind: client order switched to a server order with the same first choice",
                        CLIENT_ORDER, new ModelServer(Map.of(TLSv1_0, offerOrder(TLSv1_0, TLS10), TLSv1_1,
                                offerOrder(TLSv1_1, TLS10), TLSv1_2, offerOrder(TLSv1_2, TLS12), TLSv1_3,
                                offerOrder(TLSv1_3, TLS13)), true, false, LEAF), false, List.of()),
                Arguments.of("blind: legacy back without the watch", modern, modern.with(TLSv1_0, TLS10), false,
                        List.of()),
                Arguments.of("blind: the certificate of a TLS 1.3-only endpoint", tls13Only,
                        tls13Only.leaf(OTHER_LEAF), false, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void everyChangeClassIsSeenByTheHelloMeantForItAndTheBlindSpotsAreAsDocumented(String change,
            ModelServer before, Object after, boolean legacyWatch, List<String> seen) {
        @SuppressWarnings("unchecked")
        Function<ClientHelloSpec, ConnectionOutcome> now = after instanceof ModelServer m
                ? m::answer : (Function<ClientHelloSpec, ConnectionOutcome>) after;
        Recheck r = recheck(baseline(before), now, legacyWatch);
        if (seen.isEmpty()) {
            assertThat(r.differences()).as(change).isEmpty();
            assertThat(r.unchanged()).isTrue();
        } else {
            assertThat(r.unchanged()).as(change).isFalse();
            for (String words : seen) {
                assertThat(r.differences()).as(change).anySatisfy(d -> assertThat(d).startsWith(words));
            }
        }
    }

    /** The suites in the order tlsweep offers them: what a full scan of a client-ordered server finds. */
    private static List<CipherSuite> offerOrder(ProtocolVersion v, List<CipherSuite> suites) {
        return OfferOrder.candidates(v).stream().filter(suites::contains).toList();
    }

    private static List<CipherSuite> prepend(CipherSuite s, List<CipherSuite> list) {
        List<CipherSuite> l = new ArrayList<>(list);
        l.add(0, s);
        return l;
    }

    private static List<CipherSuite> append(List<CipherSuite> list, CipherSuite s) {
        List<CipherSuite> l = new ArrayList<>(list);
        l.add(s);
        return l;
    }

    private static List<CipherSuite> swap(List<CipherSuite> list, int i, int j) {
        List<CipherSuite> l = new ArrayList<>(list);
        java.util.Collections.swap(l, i, j);
        return l;
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
