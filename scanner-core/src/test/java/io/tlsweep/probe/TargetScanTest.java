package io.tlsweep.probe;

import static io.tlsweep.probe.FakeServer.suite;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The scan plan driven against scripted servers: exact findings and an exact connection count. */
class TargetScanTest {
    private static final Target TARGET = new Target("127.0.0.1:443", "127.0.0.1", 443, Optional.empty(), true, "test");
    private static final List<CipherSuite> TLS12 = List.of(suite(0xC02F), suite(0xC030), suite(0xCCA8),
            suite(0x009E), suite(0x009C), suite(0x002F));
    private static final List<CipherSuite> TLS10 = List.of(suite(0xC013), suite(0x002F), suite(0x0035));
    private static final List<CipherSuite> TLS13 = List.of(suite(0x1302), suite(0x1301), suite(0x1303));
    private static final List<NamedGroup> CURVES = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);
    private static final List<NamedGroup> GROUPS13 = List.of(NamedGroup.SECP384R1, NamedGroup.X25519);

    /** Drives a plan to the end, answering each step; returns the plan. */
    static TargetScan drive(TargetScan plan, Function<io.tlsweep.wire.ClientHelloSpec, ConnectionOutcome> server) {
        for (int round = 0; round < 10_000 && !plan.done(); round++) {
            List<ProbeStep> steps = plan.ready();
            for (ProbeStep s : steps) {
                if (System.getenv("TRACE_STEPS") != null) {
                    System.out.println(s.purpose() + " " + s.hello().cipherSuites().size() + " -> " + server.apply(s.hello()));
                }
                plan.complete(s, server.apply(s.hello()));
            }
        }
        assertThat(plan.done()).isTrue();
        return plan;
    }

    static TargetResult scan(FakeServer server, ScanOptions options) {
        TargetScan plan = drive(new TargetScan(Optional.empty(), options), server::answer);
        return TargetResults.of(plan, TARGET, Optional.of("127.0.0.1"), Optional.empty(), 5);
    }

    @Test
    void mixedServerInServerOrderIsFoundExactlyWithAStatedConnectionCount() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_0, TLS10, ProtocolVersion.TLSv1_2, TLS12,
                ProtocolVersion.TLSv1_3, TLS13), true, CURVES, GROUPS13, false);
        TargetResult r = scan(server, ScanOptions.full());
        assertThat(r.status()).isEqualTo(ScanStatus.OK);
        assertThat(r.protocols()).extracting(ProtocolSupport::version)
                .containsExactly(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3);
        ProtocolSupport tls12 = r.protocols().get(1);
        assertThat(tls12.cipherSuites()).isEqualTo(TLS12);
        assertThat(tls12.order()).isEqualTo(PreferenceOrder.SERVER);
        assertThat(tls12.chacha20Priority()).isFalse();
        assertThat(r.protocols().get(0).cipherSuites()).isEqualTo(TLS10);
        ProtocolSupport tls13 = r.protocols().get(2);
        assertThat(tls13.cipherSuites()).isEqualTo(TLS13);
        assertThat(tls13.groups()).isEqualTo(GROUPS13);
        assertThat(r.groups()).isEqualTo(GROUPS13);

        // accepted + 1 per supported version (every candidate offered at once, the one chosen removed, until the
        // rest is turned down); one protocol_version alert per other version; the same pair in both orders per
        // version with two or more suites; groups found + 1 per group probe
        int expected = (TLS10.size() + 1) + (TLS12.size() + 1) + (TLS13.size() + 1)
                + 2 /* SSLv3, TLS 1.1: protocol_version */
                + orderHellos(ProtocolVersion.TLSv1_0, TLS10) + orderHellos(ProtocolVersion.TLSv1_2, TLS12)
                + orderHellos(ProtocolVersion.TLSv1_3, TLS13)
                + 2 /* ChaCha20 priority checks (TLS 1.2, TLS 1.3) */
                + (GROUPS13.size() + 1) + (CURVES.size() + 1);
        assertThat(r.connections()).isEqualTo(expected);
    }

    /** The groups do not wait for the suite list: they are enumerated beside it once a suite to offer is accepted. */
    @Test
    void theGroupsAreEnumeratedBesideTheSuitesOnceASuiteToOfferIsAccepted() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12, ProtocolVersion.TLSv1_3, TLS13),
                true, CURVES, GROUPS13, false);
        TargetScan plan = new TargetScan(Optional.empty(), ScanOptions.full());
        List<String> asked = new ArrayList<>();
        for (int round = 0; round < 10_000 && !plan.done(); round++) {
            for (ProbeStep s : plan.ready()) {
                asked.add(s.purpose());
                plan.complete(s, server.answer(s.hello()));
            }
        }
        for (String v : List.of("TLSv1.2", "TLSv1.3")) {
            assertThat(asked.indexOf(v + " groups")).as(v).isBetween(0, asked.lastIndexOf(v + " suites"));
        }
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.protocols().get(0).groups()).isEqualTo(CURVES);
        assertThat(r.protocols().get(1).groups()).isEqualTo(GROUPS13);
    }

    /** Later checks may take the groups as settled only when the enumeration ran to the server's refusal. */
    @Test
    void theGroupsAreSettledOnlyWhenTheEnumerationRanToItsEnd() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12, ProtocolVersion.TLSv1_3, TLS13),
                true, CURVES, GROUPS13, false);
        TargetScan whole = drive(new TargetScan(Optional.empty(), ScanOptions.full()), server::answer);
        assertThat(whole.settledGroups(ProtocolVersion.TLSv1_3)).contains(GROUPS13);
        assertThat(whole.settledGroups(ProtocolVersion.TLSv1_2)).contains(CURVES);
        assertThat(HelloTemplates.groupsOffered(ProtocolVersion.TLSv1_3)).containsAll(GROUPS13)
                .contains(NamedGroup.X25519_MLKEM768, NamedGroup.SECP256R1_MLKEM768, NamedGroup.SECP384R1_MLKEM1024,
                        NamedGroup.X25519_KYBER768_DRAFT00);
        assertThat(whole.settledGroups(ProtocolVersion.TLSv1_1)).isEmpty();

        // the second TLS 1.3 group hello is answered with a group it did not offer: the first group is known, the rest
        // is not
        TargetScan cut = drive(new TargetScan(Optional.empty(), ScanOptions.full()), h -> {
            boolean secondGroupHello = h.supportedVersions().contains(ProtocolVersion.TLSv1_3)
                    && !h.supportedGroups().contains(GROUPS13.get(0)) && h.supportedGroups().contains(GROUPS13.get(1));
            return secondGroupHello ? FakeServer.hello(ProtocolVersion.TLSv1_3, TLS13.get(0),
                    Optional.of(GROUPS13.get(0)), Optional.empty()) : server.answer(h);
        });
        assertThat(cut.settledGroups(ProtocolVersion.TLSv1_3)).isEmpty();
        assertThat(cut.settledGroups(ProtocolVersion.TLSv1_2)).contains(CURVES);
    }

    /** Two hellos prove whose order decides: the same pair of suites offered both ways. */
    static int orderHellos(ProtocolVersion v, List<CipherSuite> serverOrder) {
        return OrderHellos.of(v, serverOrder);
    }

    @Test
    void clientOrderIsRecognised() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12), false, CURVES, GROUPS13, false);
        TargetResult r = scan(server, ScanOptions.full());
        assertThat(r.protocols()).singleElement().satisfies(p -> {
            assertThat(p.order()).isEqualTo(PreferenceOrder.CLIENT);
            assertThat(p.cipherSuites()).containsExactlyInAnyOrderElementsOf(TLS12);
        });
    }

    @Test
    void chacha20PriorityIsNoticed() {
        FakeServer plain = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12), true, CURVES, GROUPS13, false);
        assertThat(scan(plain, ScanOptions.full()).protocols().get(0).chacha20Priority()).isFalse();
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()), hello -> {
            CipherSuite first = hello.cipherSuites().get(0);
            if (first.code() == 0xCCA8 && hello.cipherSuites().size() == TLS12.size() + 1) {
                return FakeServer.hello(ProtocolVersion.TLSv1_2, first, Optional.empty(), Optional.empty());
            }
            return plain.answer(hello);
        });
        assertThat(TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1).protocols().get(0)
                .chacha20Priority()).isTrue();
    }

    @Test
    void aDowngradingServerShowsTheVersionUnsupportedInOneHello() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_0, TLS10), true, CURVES, GROUPS13, true);
        TargetResult r = scan(server, ScanOptions.versionsOnly());
        assertThat(r.protocols()).extracting(ProtocolSupport::version).containsExactly(ProtocolVersion.TLSv1_0);
        // versions-only: one accepted hello for TLS 1.0, one refusal for each of the other four versions
        assertThat(r.connections()).isEqualTo(5);
    }

    /**
     * A server without TLS 1.3 that ignores supported_versions (GnuTLS, servers older than TLS 1.3) answers the TLS
     * 1.3 hello with its own version, as it answers a real TLS 1.3 client: the hello carries older suites after its
     * TLS 1.3 ones. One hello, as for a server that refuses the version outright.
     */
    @Test
    void aServerIgnoringSupportedVersionsAnswersTheTls13HelloWithItsOwnVersion() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_0, TLS10), true, CURVES, GROUPS13, true);
        List<io.tlsweep.wire.ClientHelloSpec> tls13Hellos = new ArrayList<>();
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.versionsOnly()), hello -> {
            if (!hello.supportedVersions().isEmpty()) {
                tls13Hellos.add(hello);
            }
            return server.answer(hello);
        });
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.refusals().get(ProtocolVersion.TLSv1_3).kind()).isEqualTo(FailureKind.LOWER_VERSION);
        assertThat(tls13Hellos).singleElement().satisfies(h -> {
            assertThat(h.supportedVersions()).containsExactly(ProtocolVersion.TLSv1_3);
            assertThat(h.cipherSuites()).hasSize(128).startsWith(OfferOrder.candidates(ProtocolVersion.TLSv1_3)
                    .toArray(CipherSuite[]::new)).containsAll(TLS10);
        });
        FakeServer readsTheList = new FakeServer(Map.of(ProtocolVersion.TLSv1_0, TLS10), true, CURVES, GROUPS13,
                false);
        assertThat(scan(readsTheList, ScanOptions.versionsOnly()).refusals().get(ProtocolVersion.TLSv1_3).alert()
                .orElseThrow().code()).isEqualTo(70);
    }

    @Test
    void aTls13AnswerWithAnOlderSuiteIsNotBelieved() {
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()), h -> h.supportedVersions()
                .isEmpty() ? FakeServer.alert(70) : FakeServer.hello(ProtocolVersion.TLSv1_3, TLS10.get(0),
                        Optional.of(NamedGroup.X25519), Optional.empty()));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.protocols()).isEmpty();
        assertThat(r.refusals().get(ProtocolVersion.TLSv1_3).kind()).isEqualTo(FailureKind.UNOFFERED_CHOICE);
    }

    @Test
    void aRefusedEndpointCostsOneRoundOnly() {
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()),
                h -> FakeServer.noReply(FailureKind.CONNECT_REFUSED));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.status()).isEqualTo(ScanStatus.UNREACHABLE);
        assertThat(r.failure().orElseThrow().kind()).isEqualTo(FailureKind.CONNECT_REFUSED);
        assertThat(r.connections()).isEqualTo(2);
    }

    @Test
    void aSilentEndpointCostsOneRoundOnly() {
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()),
                h -> FakeServer.noReply(FailureKind.READ_TIMEOUT));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.status()).isEqualTo(ScanStatus.UNREACHABLE);
        assertThat(r.failure().orElseThrow().kind()).isEqualTo(FailureKind.READ_TIMEOUT);
        assertThat(r.connections()).isEqualTo(2);
    }

    @Test
    void aLostAnswerIsRetriedOnceAndCounted() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12), true, CURVES, GROUPS13, false);
        List<Integer> calls = new ArrayList<>();
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()), hello -> {
            calls.add(1);
            return calls.size() == 5 ? FakeServer.noReply(FailureKind.READ_TIMEOUT) : server.answer(hello);
        });
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.protocols().get(0).cipherSuites()).isEqualTo(TLS12);
        assertThat(r.notes()).anyMatch(n -> n.contains("sent again"));
        TargetResult clean = scan(server, ScanOptions.full());
        assertThat(r.connections()).isEqualTo(clean.connections() + 1);
    }

    @Test
    void aServerPickingAnUnofferedSuiteIsNotedNotBelieved() {
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()),
                h -> FakeServer.hello(h.highestOffered(), suite(0x7777), Optional.empty(), Optional.empty()));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.protocols()).isEmpty();
        assertThat(r.status()).isEqualTo(ScanStatus.REJECTED);
        assertThat(r.failure().orElseThrow().kind()).isIn(FailureKind.UNOFFERED_CHOICE);
    }

    @Test
    void anEndpointThatResetsEveryFirstHelloGetsThemOnceMoreAndIsNotProbedFurther() {
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()),
                h -> FakeServer.noReply(FailureKind.RESET_BEFORE_REPLY));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.status()).isEqualTo(ScanStatus.UNREACHABLE);
        assertThat(r.failure().orElseThrow().kind()).isEqualTo(FailureKind.RESET_BEFORE_REPLY);
        assertThat(r.connections()).isEqualTo(4);
    }

    @Test
    void aServerThatRejectsOnlyOldVersionsWithResetsIsStillScanned() {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12), true, CURVES, GROUPS13, false);
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()),
                h -> h.clientVersion().equals(ProtocolVersion.TLSv1_2) ? server.answer(h)
                        : FakeServer.noReply(FailureKind.RESET_BEFORE_REPLY));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.status()).isEqualTo(ScanStatus.OK);
        assertThat(r.protocols()).extracting(ProtocolSupport::version).containsExactly(ProtocolVersion.TLSv1_2);
    }

    @Test
    void aStapledOcspResponseReachesTheResultAndHellosAskForIt() {
        List<Boolean> asked = new ArrayList<>();
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.versionsOnly()), h -> {
            if (!h.clientVersion().equals(ProtocolVersion.TLSv1_2) || !h.supportedVersions().isEmpty()) {
                return FakeServer.alert(70);
            }
            asked.add(h.statusRequest());
            ServerHello.FirstFlight flight = new ServerHello.FirstFlight(List.of(new byte[] {0x30, 0}),
                    Optional.empty(), true, false, true, Optional.empty());
            return FakeServer.replied(new ServerHello(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2, new byte[32],
                    new byte[0], h.cipherSuites().get(0), 0, List.of(), Optional.empty(), true, Optional.empty(),
                    List.of(), flight));
        });
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(asked).isNotEmpty().allMatch(b -> b);
        assertThat(r.ocspStapled()).isTrue();
        assertThat(scan(new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12), true, CURVES, GROUPS13, false),
                ScanOptions.versionsOnly()).ocspStapled()).isFalse();
    }

    @Test
    void notTlsEndsTheTarget() {
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()), h -> FakeServer.replied(
                new io.tlsweep.wire.ServerResponse.NotTls("HTTP", "answered \"HTTP/1.1 400\"", new byte[0])));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.status()).isEqualTo(ScanStatus.NOT_TLS);
        assertThat(r.connections()).isEqualTo(2);
    }

    @Test
    void unrecognizedNameEverywhereMeansSniRequired() {
        TargetScan plan = drive(new TargetScan(Optional.empty(), ScanOptions.full()), h -> FakeServer.alert(112));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.status()).isEqualTo(ScanStatus.SNI_REQUIRED);
    }
}
