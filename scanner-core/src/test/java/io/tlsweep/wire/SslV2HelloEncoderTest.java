package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSL 2.0 CLIENT-HELLO an SSLv2 record version asks for, byte for byte, and what it refuses. */
class SslV2HelloEncoderTest {

    private static byte[] counting() {
        byte[] r = new byte[32];
        for (int i = 0; i < 32; i++) {
            r[i] = (byte) i;
        }
        return r;
    }

    private static ClientHelloSpec.Builder sslV2() {
        return ClientHelloSpec.builder().recordVersion(ProtocolVersion.SSLv2).clientVersion(ProtocolVersion.SSLv2)
                .random(counting()).padding(ClientHelloSpec.Padding.NONE);
    }

    @Test
    void encodesTheSevenKindsAndTheChallengeByteForByte() {
        byte[] hello = ClientHelloEncoder.encode(sslV2().sslV2CipherKinds(SslV2CipherKind.ALL).build());
        String expected = "803e"                                 // two-byte header, 62 bytes follow
                + "01" + "0002"                                  // CLIENT-HELLO, version SSL 2.0
                + "0015" + "0000" + "0020"                       // 21 bytes of specs, no session id, 32 of challenge
                + "010080 020080 030080 040080 050080 060040 0700c0"
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        assertThat(Hex.of(hello)).isEqualTo(expected.replace(" ", ""));
    }

    @Test
    void tlsSuitesFollowTheKindsWithAZeroFirstByte() {
        byte[] hello = ClientHelloEncoder.encode(sslV2().clientVersion(ProtocolVersion.TLSv1_0)
                .sslV2CipherKinds(List.of(SslV2CipherKind.RC4_128_WITH_MD5))
                .cipherSuites(List.of(CipherSuite.of(0x002F), CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV))
                .sessionId(new byte[16]).build());
        assertThat(Hex.of(hello)).startsWith("8042" + "01" + "0301" + "0009" + "0010" + "0020"
                + "010080" + "00002f" + "0000ff" + "00000000000000000000000000000000" + "00010203");
        assertThat(hello).hasSize(2 + 0x42);
    }

    @Test
    void refusesWhatSslV2CannotCarry() {
        ClientHelloSpec.Builder kinds = sslV2().sslV2CipherKinds(List.of(SslV2CipherKind.RC4_128_WITH_MD5));
        assertThatThrownBy(() -> ClientHelloEncoder.encode(kinds.serverName("a.example").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extension");
        assertThatThrownBy(() -> ClientHelloEncoder.encode(sslV2().sslV2CipherKinds(SslV2CipherKind.ALL)
                .compressionMethods((byte) 1, (byte) 0).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compression");
        assertThatThrownBy(() -> ClientHelloEncoder.encode(sslV2().sslV2CipherKinds(SslV2CipherKind.ALL)
                .sessionId(new byte[8]).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> ClientHelloEncoder.encodeHandshake(sslV2().sslV2CipherKinds(SslV2CipherKind.ALL)
                .build())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientHelloSpec.builder().sslV2CipherKinds(SslV2CipherKind.ALL)
                .cipherSuites(List.of(CipherSuite.of(0x002F))).build())
                .as("kinds in a TLS-format hello").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sslV2().build()).as("neither a kind nor a suite")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindsAreNamedAndUnknownOnesKeepTheirCode() {
        assertThat(SslV2CipherKind.of(0x020080)).isSameAs(SslV2CipherKind.RC4_128_EXPORT40_WITH_MD5);
        assertThat(SslV2CipherKind.RC4_128_EXPORT40_WITH_MD5.export()).isTrue();
        assertThat(SslV2CipherKind.ALL).filteredOn(SslV2CipherKind::export).hasSize(2);
        SslV2CipherKind unknown = SslV2CipherKind.of(0x080080);
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.name()).isEqualTo("0x080080");
        assertThat(SslV2CipherKind.parse("0x080080")).isEqualTo(unknown);
        assertThat(SslV2CipherKind.parse("SSL_CK_DES_192_EDE3_CBC_WITH_MD5"))
                .isSameAs(SslV2CipherKind.DES_192_EDE3_CBC_WITH_MD5);
        assertThatThrownBy(() -> SslV2CipherKind.parse("RC4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SslV2CipherKind.of(0x1000000)).isInstanceOf(IllegalArgumentException.class);
    }
}
