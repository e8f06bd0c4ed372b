package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ClientHellos captured from real clients: decoded, and re-encoded to the very same bytes. */
class CapturedClientHelloTest {

    @ParameterizedTest
    @ValueSource(strings = {"client-curl", "client-gnutls-cli", "client-java17", "client-openssl-default",
        "client-openssl-tls10", "client-openssl-tls12", "client-python-ssl", "tls13-hrr", "tls10-rsa-3des"})
    void reEncodingADecodedHelloGivesTheCapturedBytes(String name) {
        byte[] captured = Vectors.load(name + ".client.hex");
        ClientHello h = ClientHelloEncoderTest.decoded(captured);
        ClientHelloSpec spec = ClientHelloSpec.builder()
                .recordVersion(h.recordVersion())
                .clientVersion(h.clientVersion())
                .random(h.random())
                .sessionId(h.sessionId())
                .cipherSuites(h.cipherSuites())
                .compressionMethods(h.compressionMethods())
                .extraExtensions(h.extensions())
                .padding(ClientHelloSpec.Padding.NONE)
                .build();
        assertThat(Hex.of(ClientHelloEncoder.encode(spec))).isEqualTo(Hex.of(captured));
    }

    @Test
    void java17OffersTls13And12WithTwoKeyShares() {
        ClientHello h = ClientHelloEncoderTest.decoded(Vectors.load("client-java17.client.hex"));
        assertThat(h.recordVersion()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(h.supportedVersions()).containsExactly(ProtocolVersion.TLSv1_3, ProtocolVersion.TLSv1_2);
        assertThat(h.keyShares()).extracting(k -> k.group().code()).containsExactly(29, 23);
        assertThat(h.serverName()).contains("test.example");
        assertThat(h.cipherSuites()).hasSize(37);
    }

    @Test
    void curlOffersAlpnAndIsPaddedTo512() {
        byte[] b = Vectors.load("client-curl.client.hex");
        ClientHello h = ClientHelloEncoderTest.decoded(b);
        assertThat(h.alpn()).containsExactly("h2", "http/1.1");
        assertThat(b.length - 5).isEqualTo(512);
        assertThat(h.extension(ExtensionType.of(21))).isPresent();
    }

    @Test
    void openSslTls10HelloOffersOnlyTls10() {
        ClientHello h = ClientHelloEncoderTest.decoded(Vectors.load("client-openssl-tls10.client.hex"));
        assertThat(h.clientVersion()).isEqualTo(ProtocolVersion.TLSv1_0);
        assertThat(h.highestOffered()).isEqualTo(ProtocolVersion.TLSv1_0);
        assertThat(h.supportedVersions()).isEmpty();
        assertThat(h.cipherSuites()).hasSize(23).extracting(CipherSuite::code).contains(0x00FF);
    }

    @Test
    void gnutlsUsesTheRenegotiationExtensionNotTheScsv() {
        ClientHello h = ClientHelloEncoderTest.decoded(Vectors.load("client-gnutls-cli.client.hex"));
        assertThat(h.cipherSuites()).extracting(CipherSuite::code).doesNotContain(0x00FF);
        assertThat(h.extensions()).extracting(e -> e.type().code()).contains(0xFF01);
        assertThat(h.compressionMethods()).containsExactly(0);
        assertThat(h.keyShares()).isNotEmpty();
    }
}
