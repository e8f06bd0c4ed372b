package io.tlsweep.evidence.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.Observation;
import io.tlsweep.wire.ProtocolVersion;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The same handshake under each link layer read, over IPv4 and IPv6; and the address texts. */
class LinkLayerTest {
    private static final byte[] CLIENT6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
    private static final byte[] SERVER6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, 1};

    static Stream<Arguments> links() {
        return Stream.of(
                Arguments.of("Ethernet", LinkLayer.ETHERNET, (UnaryOperator<byte[]>) Packets::ethernet),
                Arguments.of("Ethernet, 802.1Q", LinkLayer.ETHERNET,
                        (UnaryOperator<byte[]>) ip -> Packets.ethernet(ip, 100)),
                Arguments.of("Ethernet, 802.1Q twice", LinkLayer.ETHERNET,
                        (UnaryOperator<byte[]>) ip -> Packets.ethernet(ip, 100, 200)),
                Arguments.of("Linux cooked v1", LinkLayer.LINUX_SLL, (UnaryOperator<byte[]>) Packets::sll),
                Arguments.of("Linux cooked v2", LinkLayer.LINUX_SLL2, (UnaryOperator<byte[]>) Packets::sll2),
                Arguments.of("raw IP", LinkLayer.RAW, UnaryOperator.<byte[]>identity()),
                Arguments.of("BSD loopback, little-endian", LinkLayer.NULL,
                        (UnaryOperator<byte[]>) ip -> Packets.loopback(ip, true)),
                Arguments.of("BSD loopback, big-endian", LinkLayer.NULL,
                        (UnaryOperator<byte[]>) ip -> Packets.loopback(ip, false)),
                Arguments.of("OpenBSD loop", LinkLayer.LOOP,
                        (UnaryOperator<byte[]>) ip -> Packets.loopback(ip, false)));
    }

    private static Observation one(int linkType, Conversation c) {
        Collected read = Collected.read("t.pcap", CaptureWriter.pcap(linkType, c.handshake()
                .client(Packets.clientHello("l.example")).server(Packets.serverHello(0x0303, 0xC030)).frames()));
        assertThat(read.problems).isEmpty();
        assertThat(read.seen).hasSize(1);
        return read.seen.get(0);
    }

    @ParameterizedTest(name = "{0}, IPv4")
    @MethodSource("links")
    void ipv4(String name, int linkType, UnaryOperator<byte[]> link) {
        Observation o = one(linkType, Conversation.to(8443).link(link));
        assertThat(o.clientAddress()).contains("10.0.0.7");
        assertThat(o.serverAddress()).contains("10.0.0.1");
        assertThat(o.serverPort()).hasValue(8443);
        assertThat(o.version()).contains(ProtocolVersion.TLSv1_2);
        assertThat(o.cipher()).contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @ParameterizedTest(name = "{0}, IPv6 with extension headers")
    @MethodSource("links")
    void ipv6(String name, int linkType, UnaryOperator<byte[]> link) {
        Observation o = one(linkType, new Conversation(CLIENT6, 50001, SERVER6, 443).link(link));
        assertThat(o.clientAddress()).contains("2001:db8::7");
        assertThat(o.serverAddress()).contains("2001:db8:1::a01");
        assertThat(o.serverPort()).hasValue(443);
        assertThat(o.serverName()).contains("l.example");
    }

    @Test
    void ipv4OptionsAreSkippedByTheHeaderLength() {
        byte[] tcp = Packets.tcp(5, 6, 7, Packets.PSH_ACK, new byte[] {1, 2, 3});
        TcpSegment s = TcpSegment.parse(Packets.ipv4(Packets.CLIENT, Packets.SERVER, tcp, 2), 0);
        assertThat(s.sourcePort()).isEqualTo(5);
        assertThat(s.destinationPort()).isEqualTo(6);
        assertThat(s.sequence()).isEqualTo(7);
        assertThat(s.payload()).containsExactly(1, 2, 3);
        assertThat(s.cut()).isFalse();
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] ip = Packets.ipv4(Packets.CLIENT, Packets.SERVER, Packets.tcp(5, 6, 7, Packets.ACK, new byte[0]));
        byte[] padded = java.util.Arrays.copyOf(Packets.ethernet(ip), 60);
        assertThat(TcpSegment.parse(padded, 14).payload()).isEmpty();
    }

    @Test
    void otherProtocolsAndFragmentsGiveNoSegment() {
        byte[] udp = Packets.ipv4(Packets.CLIENT, Packets.SERVER, new byte[20]);
        udp[9] = 17;
        assertThat(TcpSegment.parse(udp, 0)).isNull();
        byte[] fragment = Packets.ipv4(Packets.CLIENT, Packets.SERVER, Packets.tcp(1, 2, 3, 0, new byte[8]));
        fragment[6] = 0x20; // more fragments
        assertThat(TcpSegment.parse(fragment, 0)).isNull();
        assertThat(LinkLayer.ipStart(LinkLayer.ETHERNET, new byte[] {1, 2, 3})).isEqualTo(LinkLayer.NO_IP);
        assertThat(LinkLayer.ipStart(147, new byte[40])).isEqualTo(LinkLayer.UNKNOWN_LINK);
    }

    @Test
    void ipv6TextIsCanonical() {
        assertThat(IpText.of(new byte[16], 0, 16)).isEqualTo("::");
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        assertThat(IpText.of(loopback, 0, 16)).isEqualTo("::1");
        byte[] a = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0};
        assertThat(IpText.of(a, 0, 16)).isEqualTo("2001:db8:0:1::1:0"); // one zero group stays as 0
        byte[] b = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
        assertThat(IpText.of(b, 0, 16)).isEqualTo("2001:db8::1:0:0:1"); // the first of two equal runs
        byte[] c = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(IpText.of(c, 0, 16)).isEqualTo("fe80::");
        assertThat(IpText.of(new byte[] {(byte) 192, (byte) 168, 0, 1}, 0, 4)).isEqualTo("192.168.0.1");
    }
}
