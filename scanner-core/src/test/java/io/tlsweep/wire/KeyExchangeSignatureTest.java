package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signature scheme of a TLS 1.2 ServerKeyExchange, read from flights captured from real servers (vectors/README.md),
 * fed whole, in 50-byte pieces and byte by byte: the scheme before TLS 1.2 has no such field, a flight without a
 * ServerKeyExchange none, and a flight cut inside the ServerKeyExchange does not have it yet.
 */
class KeyExchangeSignatureTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("tls12-ecdhe-rsa", Optional.of(SignatureScheme.RSA_PSS_RSAE_SHA256)),
                Arguments.of("tls12-dhe-rsa", Optional.of(SignatureScheme.RSA_PSS_RSAE_SHA256)),
                Arguments.of("tls12-ecdhe-ecdsa-p384", Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256)),
                Arguments.of("tls12-sha1-signature", Optional.of(SignatureScheme.RSA_PKCS1_SHA1)),
                Arguments.of("tls12-cbc-features", Optional.of(SignatureScheme.RSA_PSS_RSAE_SHA256)),
                Arguments.of("tls11-ecdhe-rsa", Optional.empty()),
                Arguments.of("tls10-rsa-aes128", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theSchemeIsReadWholeInPiecesAndByteByByte(String name, Optional<SignatureScheme> expected) {
        byte[] bytes = Vectors.load(name + ".server.hex");
        for (int step : new int[] {bytes.length, 50, 1}) {
            ServerHello sh = (ServerHello) CapturedResponseTest.feed(bytes, step);
            assertThat(sh.flight().keyExchangeSignature()).as("in pieces of %d", step).isEqualTo(expected);
        }
        ServerHello cut = (ServerHello) ServerResponseDecoder.finish(Arrays.copyOf(bytes, bytes.length - 10));
        assertThat(cut.flight().keyExchangeSignature()).as("cut inside the ServerKeyExchange or before").isEmpty();
    }

    @Test
    void anonymousShortAndOlderParametersHaveNone() {
        assertThat(HandshakeParser.keyExchangeSignature(new byte[] {3, 0, 29, 1, 9}, ProtocolVersion.TLSv1_2))
                .as("ECDHE parameters with nothing after them (anonymous)").isEmpty();
        assertThat(HandshakeParser.keyExchangeSignature(new byte[] {3, 0, 29, 1, 9, 4, 1, 0, 1, 7},
                ProtocolVersion.TLSv1_2)).contains(SignatureScheme.RSA_PKCS1_SHA256);
        assertThat(HandshakeParser.keyExchangeSignature(new byte[] {3, 0, 29, 1, 9, 4, 1, 0, 1, 7},
                ProtocolVersion.TLSv1_1)).isEmpty();
        assertThat(HandshakeParser.keyExchangeSignature(new byte[] {3, 0, 29, 1, 9, 4, 1, 0, 5, 7},
                ProtocolVersion.TLSv1_2)).as("a signature longer than the message").isEmpty();
        assertThat(HandshakeParser.keyExchangeSignature(new byte[0], ProtocolVersion.TLSv1_2)).isEmpty();
    }
}
