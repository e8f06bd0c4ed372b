package io.tlsweep.evidence.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.Observation;
import io.tlsweep.evidence.OfferedHello;
import io.tlsweep.wire.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Connections put back together and their hellos read: order, repeats, roles, STARTTLS, outcomes, bounds. */
class TcpFlowTest {
    private static final byte[] HELLO = Packets.clientHello("a.example");

    private static Collected read(List<CaptureWriter.Frame> frames) {
        return Collected.read("t.pcap", CaptureWriter.pcap(LinkLayer.ETHERNET, frames));
    }

    @Test
    void theWholeOfferIsKeptInOrderWithItsGreaseValues() {
        Collected c = read(Conversation.to(443).handshake().client(HELLO).server(Packets.serverHello13(0x1301))
                .frames());
        assertThat(c.problems).isEmpty();
        Observation o = c.seen.get(0);
        assertThat(c.seen).hasSize(1);
        assertThat(o.offered()).contains(new OfferedHello(0x0303, List.of(0x2A2A, 0x0304, 0x0303),
                List.of(0x0A0A, 0xC02F, 0x002F), List.of(0x0A0A, 0, 10, 13, 16, 43), List.of(0x1A1A, 0x001D, 0x0017),
                List.of(0x0403, 0x0804), List.of("h2", "http/1.1"), Optional.of("a.example")));
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_3);
        assertThat(o.cipher()).contains("TLS_AES_128_GCM_SHA256");
        assertThat(o.established()).isTrue();
        assertThat(o.clientAddress()).contains("10.0.0.7");
        assertThat(o.serverAddress()).contains("10.0.0.1");
        assertThat(o.serverPort()).hasValue(443);
        assertThat(o.serverName()).contains("a.example");
        assertThat(o.time()).contains(Instant.ofEpochSecond(1_767_225_600L, 2_000_000)); // the ClientHello's packet
    }

    @Test
    void reorderedRepeatedAndOverlappingSegmentsAcrossTheSequenceWrap() {
        int[] cuts = {40, 41, 100};
        Conversation c = Conversation.to(443).handshake().clientPieces(HELLO, cuts, 3, 1, 3, 0, 2, 1, 0);
        c.add(true, 0xFFFFFF01L + 30, Packets.PSH_ACK, java.util.Arrays.copyOfRange(HELLO, 30, 90)); // overlaps
        Collected read = read(c.server(Packets.serverHello(0x0303, 0xC02F)).frames());
        assertThat(read.problems).isEmpty();
        assertThat(read.seen).singleElement().satisfies(o -> {
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_2);
            assertThat(o.cipher()).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(o.offered().orElseThrow().cipherSuites()).containsExactly(0x0A0A, 0xC02F, 0x002F);
        });
    }

    @Test
    void aHoleLeftByAMissingSegmentLeavesTheHelloUnreadAndTheHandshakeUncounted() {
        int[] cuts = {40, 100};
        Collected read = read(Conversation.to(443).handshake().clientPieces(HELLO, cuts, 0, 2)
                .server(Packets.serverHello(0x0303, 0xC02F)).frames());
        assertThat(read.seen).isEmpty();
        assertThat(read.problems).isEmpty();
    }

    @Test
    void withoutTheSynTheClientIsTheSideThatSentTheClientHello() {
        Conversation c = new Conversation(Packets.SERVER, 443, Packets.CLIENT, 50000); // "client" of the builder
        Collected read = read(c.server(HELLO).client(Packets.serverHello(0x0302, 0x002F)).frames());
        assertThat(read.seen).singleElement().satisfies(o -> {
            assertThat(o.clientAddress()).contains("10.0.0.7");
            assertThat(o.serverAddress()).contains("10.0.0.1");
            assertThat(o.serverPort()).hasValue(443);
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_1);
        });
    }

    @Test
    void starttlsHellosAreFoundAfterThePlainTextPrelude() {
        byte[] greeting = "220 mx.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] ehlo = "EHLO c.example\r\nSTARTTLS\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] ready = "250-mx.example\r\n250 STARTTLS\r\n220 2.0.0 Ready to start TLS\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Collected read = read(Conversation.to(25).handshake().server(greeting).client(ehlo).server(ready)
                .client(Packets.clientHello10()).server(Packets.serverHello(0x0301, 0x002F)).frames());
        assertThat(read.seen).singleElement().satisfies(o -> {
            assertThat(o.serverPort()).hasValue(25);
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_0);
            assertThat(o.cipher()).contains("TLS_RSA_WITH_AES_128_CBC_SHA");
            assertThat(o.serverName()).isEmpty();
            assertThat(o.offered().orElseThrow().extensions()).isEmpty();
        });
    }

    @Test
    void anAlertInsteadOfAServerHelloIsAFailedHandshakeOfTheVersionAskedFor() {
        Collected read = read(Conversation.to(443).handshake().client(Packets.clientHello10())
                .server(Packets.alert(2, 70)).frames());
        assertThat(read.seen).singleElement().satisfies(o -> {
            assertThat(o.established()).isFalse();
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_0);
            assertThat(o.cipher()).isEmpty();
        });
    }

    @Test
    void aClientHelloWithNoAnswerInTheCaptureIsFailed() {
        Collected read = read(Conversation.to(443).handshake().client(HELLO).frames());
        assertThat(read.seen).singleElement().satisfies(o -> {
            assertThat(o.established()).isFalse();
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_3);
        });
    }

    @Test
    void aHelloRetryRequestIsPassedOverForTheServerHelloAfterIt() {
        byte[] retry = Packets.serverHello13(0x1301);
        byte[] random = Packets.bytes().u32(0xCF21AD74L).u32(0xE59A6111L).u32(0xBE1D8C02L).u32(0x1E65B891L)
                .u32(0xC2A21116L).u32(0x7ABB8C5EL).u32(0x079E09E2L).u32(0xC8A8339CL).done(); // RFC 8446 §4.1.3
        System.arraycopy(random, 0, retry, 11, 32);
        Collected read = read(Conversation.to(443).handshake().client(HELLO).server(retry)
                .client(Packets.clientHello("second.example")).server(Packets.serverHello13(0x1302)).frames());
        assertThat(read.seen).singleElement().satisfies(o -> {
            assertThat(o.established()).isTrue();
            assertThat(o.version()).contains(ProtocolVersion.TLSv1_3);
            assertThat(o.cipher()).contains("TLS_AES_256_GCM_SHA384");
            assertThat(o.serverName()).contains("a.example"); // the first ClientHello is the client's offer
        });
    }

    @Test
    void aConnectionThatIsNotTlsGivesNothing() {
        byte[] http = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Collected read = read(Conversation.to(80).handshake().client(http).server(http).frames());
        assertThat(read.seen).isEmpty();
        assertThat(read.problems).isEmpty();
    }

    @Test
    void aServerThatSends64KiBBeforeAnyClientHelloIsLeftAlone() {
        List<Observation> seen = new ArrayList<>();
        TcpFlowTable table = new TcpFlowTable(new TcpFlow.Decided() {
            @Override
            public void observed(Observation o) {
                seen.add(o);
            }

            @Override
            public void problem(long offset, String message) {
                throw new AssertionError(message);
            }
        });
        List<CaptureWriter.Frame> frames = new ArrayList<>(Conversation.to(80).handshake()
                .client("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).frames());
        Conversation download = Conversation.to(80);
        for (int i = 0; i < 50; i++) {
            download.add(false, 1_000_001 + 1400L * i, Packets.PSH_ACK, new byte[1400]);
        }
        frames.addAll(download.frames());
        for (CaptureWriter.Frame f : frames) {
            table.segment(TcpSegment.parse(f.data(), 14), new PcapFrame(0, Optional.empty(), 1, f.data(),
                    f.data().length));
            assertThat(table.held()).isLessThanOrEqualTo(2L * TcpStream.LIMIT);
        }
        assertThat(table.held()).isZero();
        assertThat(table.size()).isEqualTo(1);
        table.finish();
        assertThat(seen).isEmpty();
    }

    @Test
    void aNewSynOnTheSamePortsIsANewConnectionButARepeatedSynIsNot() {
        List<CaptureWriter.Frame> frames = new ArrayList<>(Conversation.to(443).handshake()
                .add(true, 0xFFFFFF00L, Packets.SYN, new byte[0]).client(HELLO)
                .server(Packets.serverHello13(0x1302)).frames());
        frames.addAll(Conversation.to(443).isn(77).handshake().client(Packets.clientHello10())
                .server(Packets.serverHello(0x0301, 0x002F)).frames());
        Collected read = read(frames);
        assertThat(read.seen).extracting(o -> o.version().orElseThrow())
                .containsExactly(ProtocolVersion.TLSv1_3, ProtocolVersion.TLSv1_0);
    }

    @Test
    void theFlowTableStaysWithinItsBoundsAndEndsWhatItDrops() {
        List<Observation> seen = new ArrayList<>();
        TcpFlow.Decided out = new TcpFlow.Decided() {
            @Override
            public void observed(Observation o) {
                seen.add(o);
            }

            @Override
            public void problem(long offset, String message) {
                throw new AssertionError(message);
            }
        };
        TcpFlowTable table = new TcpFlowTable(out, 3, 1 << 20);
        for (int port = 1000; port < 1010; port++) {
            byte[] ip = Packets.ipv4(Packets.CLIENT, Packets.SERVER, Packets.tcp(port, 443, 1, Packets.PSH_ACK,
                    HELLO));
            byte[] frame = Packets.ethernet(ip);
            table.segment(TcpSegment.parse(frame, 14), new PcapFrame(port, Optional.empty(), 1, frame, frame.length));
            assertThat(table.size()).isLessThanOrEqualTo(3);
        }
        assertThat(seen).hasSize(7).allSatisfy(o -> assertThat(o.established()).isFalse());
        table.finish();
        assertThat(seen).hasSize(10);
        assertThat(table.size()).isZero();

        TcpFlowTable small = new TcpFlowTable(out, 100, 4096);
        byte[] junk = new byte[1400];
        for (int port = 2000; port < 2020; port++) {
            byte[] frame = Packets.ethernet(Packets.ipv4(Packets.CLIENT, Packets.SERVER,
                    Packets.tcp(port, 443, 1, Packets.PSH_ACK, junk)));
            small.segment(TcpSegment.parse(frame, 14), new PcapFrame(port, Optional.empty(), 1, frame, frame.length));
            assertThat(small.held()).isLessThanOrEqualTo(4096);
        }
    }
}
