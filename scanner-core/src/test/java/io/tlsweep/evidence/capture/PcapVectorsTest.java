package io.tlsweep.evidence.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.Observation;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The captures of src/test/resources/vectors/pcap, made by tcpdump on loopback while openssl s_client shook hands
 * with openssl s_server (make-vectors.sh there): every handshake read, with its version, suite, client, endpoint
 * and SNI, on each link type and timestamp precision they cover.
 */
class PcapVectorsTest {
    private static List<Observation> inOrder(Collected c) {
        return c.seen.stream().sorted(Comparator.comparing(o -> o.time().orElse(Instant.EPOCH))).toList();
    }

    @Test
    void ethernetOnLoopbackGivesEveryVersionWithItsSni() {
        Collected c = Collected.vector("ethernet-lo.pcap");
        assertThat(c.problems).isEmpty();
        List<Observation> seen = inOrder(c);
        assertThat(seen).extracting(o -> o.version().orElseThrow()).containsExactly(ProtocolVersion.TLSv1_0,
                ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_3);
        assertThat(seen).extracting(o -> o.serverName().orElseThrow()).containsExactly("tls10.example",
                "tls11.example", "tls12.example", "tls13.example");
        assertThat(seen).allSatisfy(o -> {
            assertThat(o.established()).isTrue();
            assertThat(o.clientAddress()).contains("127.0.0.1");
            assertThat(o.serverAddress()).contains("127.0.0.1");
            assertThat(o.serverPort().getAsInt()).isEqualTo(44401);
            assertThat(o.format()).isEqualTo("pcap");
            assertThat(o.offered().orElseThrow().serverName()).isEqualTo(o.serverName());
        });
        assertThat(seen.get(0).cipher()).contains("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA");
        assertThat(seen.get(3).cipher()).contains("TLS_AES_256_GCM_SHA384");
        assertThat(seen.get(0).offered().orElseThrow().legacyVersion()).isEqualTo(0x0301);
        assertThat(seen.get(0).offered().orElseThrow().supportedVersions()).isEmpty();
        assertThat(seen.get(3).offered().orElseThrow().legacyVersion()).isEqualTo(0x0303);
        assertThat(seen.get(3).offered().orElseThrow().supportedVersions()).containsExactly(0x0304);
    }

    @Test
    void ipv6WithNanosecondTimestamps() {
        Collected c = Collected.vector("ipv6-nano.pcap");
        assertThat(c.problems).isEmpty();
        assertThat(c.seen).singleElement().satisfies(o -> {
            assertThat(o.clientAddress()).contains("::1");
            assertThat(o.serverAddress()).contains("::1");
            assertThat(o.serverPort().getAsInt()).isEqualTo(44402);
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_2);
            assertThat(o.serverName()).contains("v6.example");
            assertThat(o.time().orElseThrow().getNano() % 1000).isNotZero();
        });
    }

    @Test
    void linuxCookedCapturesOfAnyInterface() {
        Collected sll2 = Collected.vector("any-sll2.pcap");
        Collected sll = Collected.vector("any-sll.pcap");
        assertThat(sll2.problems).isEmpty();
        assertThat(sll.problems).isEmpty();
        assertThat(sll2.seen).singleElement().satisfies(o -> {
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_3);
            assertThat(o.serverName()).contains("sll2.example");
        });
        assertThat(sll.seen).singleElement().satisfies(o -> {
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_0);
            assertThat(o.serverName()).contains("sll.example");
            assertThat(o.serverPort()).hasValue(44401);
            assertThat(o.time()).isNotEqualTo(Optional.empty());
        });
    }
}
