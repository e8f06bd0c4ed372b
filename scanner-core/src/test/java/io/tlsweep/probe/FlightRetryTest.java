package io.tlsweep.probe;

import static io.tlsweep.probe.FakeServer.suite;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.input.Target;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A TLS 1.3 server that answers the scan's first TLS 1.3 offer (real x25519 and P-256 shares) with a
 * HelloRetryRequest, because it prefers a group it got no share of, gets one more TLS 1.3 hello once its suites
 * and groups are known: only the groups found that the scan makes a share for, in the server's order, each with its
 * real share, and the accepted suites; its ServerHello and flight are then the scan's. Nowhere else, never twice.
 */
class FlightRetryTest {
    private static final Target TARGET = new Target("127.0.0.1:443", "127.0.0.1", 443, Optional.empty(), true, "test");
    private static final List<CipherSuite> TLS13 = List.of(suite(0x1302), suite(0x1301), suite(0x1303));
    private static final List<CipherSuite> TLS12 = List.of(suite(0xC02F), suite(0xC030));
    private static final List<NamedGroup> CURVES = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);

    /** A hello sent and what the plan said it was for. */
    private record Sent(String purpose, ClientHelloSpec hello) {
    }

    /**
     * A server that takes TLS 1.3 groups strictly in its own order, as BoringSSL does: its first group the hello
     * lists, with a ServerHello when the hello carries a share of it, else a HelloRetryRequest naming it.
     */
    private static Function<ClientHelloSpec, ConnectionOutcome> strict(List<NamedGroup> groups13,
            List<CipherSuite> suites13) {
        FakeServer server = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12, ProtocolVersion.TLSv1_3, suites13),
                true, CURVES, groups13, false);
        return h -> {
            if (!h.supportedVersions().contains(ProtocolVersion.TLSv1_3)) {
                return server.answer(h);
            }
            Optional<NamedGroup> first = groups13.stream().filter(h.supportedGroups()::contains).findFirst();
            Optional<CipherSuite> suite = suites13.stream().filter(h.cipherSuites()::contains).findFirst();
            boolean shared = first.isPresent() && h.keyShares().orElse(List.of()).stream()
                    .anyMatch(e -> e.group().equals(first.get()));
            if (first.isEmpty() || suite.isEmpty() || shared) {
                return server.answer(h);
            }
            return FakeServer.replied(new HelloRetryRequest(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3,
                    suite.get(), first, Optional.empty(), new byte[0], List.of()));
        };
    }

    private static TargetResult scan(ScanOptions options, Function<ClientHelloSpec, ConnectionOutcome> server,
            List<Sent> sent) {
        TargetScan plan = new TargetScan(Optional.empty(), options);
        for (int round = 0; round < 10_000 && !plan.done(); round++) {
            for (ProbeStep s : plan.ready()) {
                sent.add(new Sent(s.purpose(), s.hello()));
                plan.complete(s, server.apply(s.hello()));
            }
        }
        assertThat(plan.done()).isTrue();
        return TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
    }

    private static List<Sent> flightHellos(List<Sent> sent) {
        return sent.stream().filter(s -> s.purpose().startsWith("TLSv1.3 flight")).toList();
    }

    @Test
    void aServerPreferringAGroupWithoutAShareGetsOneHelloWithARealShareForEachReadableGroupFound() {
        List<NamedGroup> groups = List.of(NamedGroup.X25519_MLKEM768, NamedGroup.SECP384R1, NamedGroup.FFDHE2048,
                NamedGroup.X25519);
        List<Sent> sent = new ArrayList<>();
        TargetResult r = scan(ScanOptions.full(), strict(groups, TLS13), sent);

        assertTls13(r, TLS13, groups);
        List<Sent> flight = flightHellos(sent);
        assertThat(flight).hasSize(1);
        ClientHelloSpec h = flight.get(0).hello();
        assertThat(h.supportedVersions()).containsExactly(ProtocolVersion.TLSv1_3);
        assertThat(h.supportedGroups()).containsExactly(NamedGroup.X25519_MLKEM768, NamedGroup.SECP384R1,
                NamedGroup.X25519);
        assertThat(h.keyShares().orElseThrow()).extracting(KeyShareEntry::group)
                .containsExactly(NamedGroup.X25519_MLKEM768, NamedGroup.SECP384R1, NamedGroup.X25519);
        for (KeyShareEntry e : h.keyShares().orElseThrow()) {
            assertThat(KeyShares.privateKey(e.group(), e.keyExchange())).as(e.group() + ": a share the scan can read with")
                    .isPresent();
        }
        assertThat(h.cipherSuites()).containsExactlyElementsOf(TLS13);
        assertThat(sent.indexOf(flight.get(0))).as("after every other TLS 1.3 hello").isGreaterThan(
                sent.stream().filter(s -> s.purpose().startsWith("TLSv1.3") && s != flight.get(0))
                        .mapToInt(sent::indexOf).max().orElseThrow());
        assertThat(r.tls13Flight()).as("the retry's ServerHello carried our X25519MLKEM768 share: its flight")
                .hasValueSatisfying(f -> assertThat(f.whole()).isTrue());
        assertThat(r.certificateChain()).isNotEmpty();
        assertThat(r.connections()).isEqualTo(sent.size());
    }

    @Test
    void theSameScanWithTheServerPreferringX25519CostsOneConnectionLessAndSendsNoRetry() {
        List<Sent> pq = new ArrayList<>();
        TargetResult withRetry = scan(ScanOptions.full(), strict(List.of(NamedGroup.SECP384R1, NamedGroup.X25519),
                TLS13), pq);
        List<Sent> plain = new ArrayList<>();
        TargetResult without = scan(ScanOptions.full(), strict(List.of(NamedGroup.X25519, NamedGroup.SECP384R1),
                TLS13), plain);

        assertThat(flightHellos(plain)).isEmpty();
        assertThat(without.tls13Flight()).isPresent();
        assertThat(flightHellos(pq)).hasSize(1);
        assertThat(withRetry.tls13Flight()).isPresent();
        assertThat(withRetry.connections()).isEqualTo(without.connections() + 1);
    }

    @Test
    void noRetryWhenNoGroupFoundHasAShareTheScanCanMake() {
        List<Sent> sent = new ArrayList<>();
        TargetResult r = scan(ScanOptions.full(), strict(List.of(NamedGroup.SECP256R1_MLKEM768, NamedGroup.FFDHE2048,
                NamedGroup.X25519_KYBER768_DRAFT00), TLS13), sent);
        assertThat(r.protocols()).extracting(p -> p.version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(flightHellos(sent)).isEmpty();
        assertThat(r.tls13Flight()).isEmpty();
    }

    /** A server that takes X25519MLKEM768 alone is read from the hybrid share. */
    @Test
    void aPostQuantumOnlyServerGetsTheHybridShare() {
        List<Sent> sent = new ArrayList<>();
        TargetResult r = scan(ScanOptions.full(), strict(List.of(NamedGroup.X25519_MLKEM768), TLS13), sent);
        List<Sent> flight = flightHellos(sent);
        assertThat(flight).hasSize(1);
        assertThat(flight.get(0).hello().supportedGroups()).containsExactly(NamedGroup.X25519_MLKEM768);
        KeyShareEntry share = flight.get(0).hello().keyShares().orElseThrow().get(0);
        assertThat(share.keyExchange()).hasSize(1184 + 32);
        assertThat(KeyShares.privateKey(share.group(), share.keyExchange())).isPresent();
        assertThat(r.tls13Flight()).isPresent();
    }

    @Test
    void noRetryWhenTheGroupsWereNotEnumerated() {
        List<Sent> sent = new ArrayList<>();
        TargetResult r = scan(ScanOptions.versionsOnly(), strict(List.of(NamedGroup.SECP384R1, NamedGroup.X25519),
                TLS13), sent);
        assertThat(r.protocols()).extracting(p -> p.version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(flightHellos(sent)).isEmpty();
        assertThat(r.tls13Flight()).isEmpty();
    }

    @Test
    void noRetryWhenEveryAcceptedSuiteIsOneTheFlightCannotBeDecryptedWith() {
        List<CipherSuite> ccm = List.of(suite(0x1304));
        List<Sent> sent = new ArrayList<>();
        TargetResult r = scan(ScanOptions.full(), strict(List.of(NamedGroup.SECP384R1, NamedGroup.X25519), ccm),
                sent);
        assertThat(r.protocols().get(r.protocols().size() - 1).cipherSuites()).isEqualTo(ccm);
        assertThat(flightHellos(sent)).isEmpty();
    }

    @Test
    void aRetryAnsweredWithoutAFlightIsNotedAndNeverSentAgain() {
        Function<ClientHelloSpec, ConnectionOutcome> strict = strict(List.of(NamedGroup.SECP384R1, NamedGroup.X25519),
                TLS13);
        List<Sent> sent = new ArrayList<>();
        // a server that asks for x448 whenever a hello lists only the groups the scan found
        TargetResult r = scan(ScanOptions.full(), h -> h.supportedGroups().size() == 2
                && h.keyShares().map(k -> k.size() == 2).orElse(false)
                ? FakeServer.replied(new HelloRetryRequest(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3,
                        TLS13.get(0), Optional.of(NamedGroup.X448), Optional.empty(), new byte[0], List.of()))
                : strict.apply(h), sent);
        assertThat(flightHellos(sent)).hasSize(1);
        assertThat(r.tls13Flight()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("TLSv1.3: the hello with a real share for each group found"
                + " got no flight"));
        assertThat(r.connections()).isEqualTo(sent.size());
    }

    @Test
    void readableGroupsAreThoseWithAShareAndASecretInTheOrderFound() {
        assertThat(FlightRetry.readableGroups(List.of(NamedGroup.X25519_MLKEM768, NamedGroup.X448,
                NamedGroup.FFDHE3072, NamedGroup.SECP521R1, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
                NamedGroup.X25519, NamedGroup.SECP256R1_MLKEM768)))
                .containsExactly(NamedGroup.X25519_MLKEM768, NamedGroup.X448, NamedGroup.SECP521R1,
                        NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.X25519);
    }

    private static void assertTls13(TargetResult r, List<CipherSuite> suites, List<NamedGroup> groups) {
        ProtocolSupport tls13 = r.protocols().get(r.protocols().size() - 1);
        assertThat(tls13.version()).isEqualTo(ProtocolVersion.TLSv1_3);
        assertThat(tls13.cipherSuites()).isEqualTo(suites);
        assertThat(tls13.groups()).isEqualTo(groups);
    }
}
