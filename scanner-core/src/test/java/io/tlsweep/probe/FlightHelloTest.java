package io.tlsweep.probe;

import static io.tlsweep.probe.FakeServer.suite;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The scan's first TLS 1.3 hello carries real x25519 and secp256r1 key shares, so a TLS 1.3 server answers it
 * with its whole first flight (which the engine reads: the chain and CertificateVerify scheme come from it); the
 * suite offers after it carry an empty key_share, as before, and the scan's facts and connections are those of
 * a scan that asked with empty key shares only.
 */
class FlightHelloTest {
    private static final FakeServer TLS13 = new FakeServer(Map.of(ProtocolVersion.TLSv1_2,
            List.of(suite(0xC02F), suite(0xC030)), ProtocolVersion.TLSv1_3, List.of(suite(0x1302), suite(0x1301),
            suite(0x1303))), true, List.of(NamedGroup.X25519, NamedGroup.SECP256R1),
            List.of(NamedGroup.X25519, NamedGroup.SECP256R1), false);

    private static List<ClientHelloSpec> tls13Hellos(List<ClientHelloSpec> sent) {
        return sent.stream().filter(h -> h.supportedVersions().equals(List.of(ProtocolVersion.TLSv1_3))).toList();
    }

    private static Function<ClientHelloSpec, ConnectionOutcome> recording(List<ClientHelloSpec> sent) {
        return h -> {
            sent.add(h);
            return TLS13.answer(h);
        };
    }

    @Test
    void theFirstTls13HelloCarriesX25519AndP256SharesAndTheRestAnEmptyKeyShare() {
        List<ClientHelloSpec> sent = new ArrayList<>();
        TargetResult r = LostAnswersTest.scan(new TargetScan(Optional.empty(), ScanOptions.full()), recording(sent));

        List<ClientHelloSpec> tls13 = tls13Hellos(sent);
        assertThat(tls13.get(0).keyShares().orElseThrow()).extracting(KeyShareEntry::group)
                .containsExactly(NamedGroup.X25519, NamedGroup.SECP256R1);
        assertThat(tls13.subList(1, tls13.size())).allSatisfy(h -> assertThat(h.keyShares()).contains(List.of()));
        assertThat(r.protocols()).extracting(p -> p.version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(r.protocols().get(r.protocols().size() - 1).cipherSuites()).extracting(s -> s.code())
                .containsExactly(0x1302, 0x1301, 0x1303);
    }

    @Test
    void theFlightHelloIsTheSuiteEnumerationsFirstOfferNotAnExtraOne() {
        List<ClientHelloSpec> sent = new ArrayList<>();
        TargetResult r = LostAnswersTest.scan(new TargetScan(Optional.empty(), ScanOptions.full()), recording(sent));

        List<ClientHelloSpec> tls13 = tls13Hellos(sent);
        List<Integer> first = tls13.get(0).cipherSuites().stream().map(s -> s.code()).toList();
        List<Integer> second = tls13.get(1).cipherSuites().stream().map(s -> s.code()).toList();
        assertThat(first).contains(0x1301, 0x1302, 0x1303, 0x1304, 0x1305);
        // the server's choice from the first offer is taken out of the next one, as for any enumeration hello
        assertThat(second).contains(0x1301, 0x1303).doesNotContain(0x1302);
        assertThat(r.connections()).isEqualTo(sent.size());
    }
}
