package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClientHelloEncoderTest {

    private static byte[] counting() {
        byte[] r = new byte[32];
        for (int i = 0; i < 32; i++) {
            r[i] = (byte) i;
        }
        return r;
    }

    private static List<CipherSuite> suites(int n) {
        return IntStream.range(0, n).mapToObj(i -> CipherSuite.of(0x0100 + i)).toList();
    }

    @Test
    void encodesAMinimalHelloByteForByte() {
        ClientHelloSpec spec = ClientHelloSpec.builder()
                .random(counting())
                .cipherSuites(List.of(CipherSuite.of(0xC02F), CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV))
                .serverName("a.example")
                .padding(ClientHelloSpec.Padding.NONE)
                .build();
        String expected = "16 0301 0043"                       // handshake record, TLS 1.0, 67 bytes
                + "01 00003f"                                  // ClientHello, 63 bytes
                + "0303"                                       // client_version TLS 1.2
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                + "00"                                         // empty session id
                + "0004 c02f 00ff"                             // two suites
                + "01 00"                                      // null compression
                + "0012"                                       // 18 bytes of extensions
                + "0000 000e 000c 00 0009 612e6578616d706c65"; // server_name a.example
        assertThat(Hex.of(ClientHelloEncoder.encode(spec))).isEqualTo(expected.replace(" ", ""));
    }

    @Test
    void aHelloWithoutExtensionsHasNoExtensionsBlock() {
        ClientHelloSpec spec = ClientHelloSpec.builder().recordVersion(ProtocolVersion.SSLv3)
                .clientVersion(ProtocolVersion.SSLv3).random(counting()).cipherSuites(suites(2))
                .padding(ClientHelloSpec.Padding.NONE).build();
        byte[] b = ClientHelloEncoder.encode(spec);
        assertThat(b).hasSize(5 + 4 + 2 + 32 + 1 + 2 + 4 + 2);
        assertThat(Hex.of(b).substring(0, 10)).isEqualTo("160300002f");
    }

    @ParameterizedTest
    @EnumSource(ClientHelloSpec.Padding.class)
    void paddingKeepsEveryHelloOutOfThe256To511ByteRange(ClientHelloSpec.Padding padding) {
        int inRange = 0;
        for (int n = 1; n <= 300; n++) {
            for (boolean withExtensions : new boolean[] {false, true}) {
                ClientHelloSpec.Builder b = ClientHelloSpec.builder().cipherSuites(suites(n)).padding(padding);
                if (withExtensions) {
                    b.serverName("host.example").supportedGroups(List.of(NamedGroup.X25519));
                }
                byte[] record = ClientHelloEncoder.encode(b.build());
                int handshakeLength = record.length - 5;
                if (handshakeLength >= 256 && handshakeLength <= 511) {
                    inRange++;
                }
                if (padding == ClientHelloSpec.Padding.AVOID_256_TO_511 && n >= 110 && n < 220) {
                    assertThat(handshakeLength).as("%d suites", n).isGreaterThanOrEqualTo(512);
                }
            }
        }
        if (padding == ClientHelloSpec.Padding.NONE) {
            assertThat(inRange).as("without padding some hellos fall in the range").isPositive();
        } else {
            assertThat(inRange).isZero();
        }
    }

    @Test
    void paddedHelloIsExactly512BytesAndDecodesWithAPaddingExtension() {
        byte[] record = ClientHelloEncoder.encode(ClientHelloSpec.builder().cipherSuites(suites(120)).build());
        assertThat(record.length - 5).isEqualTo(512);
        ClientHello hello = decoded(record);
        assertThat(hello.extension(ExtensionType.PADDING)).isPresent();
        assertThat(hello.extension(ExtensionType.PADDING).get().data()).containsOnly(0);
    }

    @Test
    void aHelloLargerThanOneRecordIsSplitOverSeveralRecords() {
        List<CipherSuite> many = IntStream.range(0, 9000).mapToObj(i -> CipherSuite.of(i)).toList();
        byte[] bytes = ClientHelloEncoder.encode(ClientHelloSpec.builder().cipherSuites(many).build());
        assertThat(bytes.length).isGreaterThan(ClientHelloEncoder.MAX_FRAGMENT + 5);
        RecordFramer.Frame first = RecordFramer.next(bytes, 0, bytes.length);
        assertThat(first).isInstanceOf(RecordFramer.Frame.Complete.class);
        assertThat(((RecordFramer.Frame.Complete) first).record().fragment()).hasSize(ClientHelloEncoder.MAX_FRAGMENT);
        assertThat(decoded(bytes).cipherSuites()).isEqualTo(many);
    }

    @Test
    void everyFieldOfTheSpecReadsBackFromTheWire() {
        KeyShareEntry x25519 = KeyShares.entry(NamedGroup.X25519).orElseThrow();
        KeyShareEntry p256 = KeyShares.entry(NamedGroup.SECP256R1).orElseThrow();
        ClientHelloSpec spec = ClientHelloSpec.builder()
                .recordVersion(ProtocolVersion.TLSv1_0)
                .clientVersion(ProtocolVersion.TLSv1_2)
                .random(counting())
                .randomSessionId()
                .cipherSuites(List.of(CipherSuite.of(0x1301), CipherSuite.of(0xC02B), CipherSuite.TLS_FALLBACK_SCSV))
                .serverName("sni.example")
                .supportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.FFDHE2048))
                .ecPointFormats((byte) 0)
                .signatureAlgorithms(List.of(SignatureScheme.of(0x0403), SignatureScheme.of(0x0804)))
                .supportedVersions(List.of(ProtocolVersion.TLSv1_3, ProtocolVersion.TLSv1_2))
                .keyShares(List.of(x25519, p256))
                .pskKeyExchangeModes((byte) 1)
                .renegotiationInfo(true)
                .alpn(List.of("h2", "http/1.1"))
                .extendedMasterSecret(true)
                .sessionTicket(true)
                .statusRequest(true)
                .extraExtensions(List.of(Extension.of(0x1A1A, new byte[] {7})))
                .build();
        ClientHello hello = decoded(ClientHelloEncoder.encode(spec));
        assertThat(hello.recordVersion()).isEqualTo(ProtocolVersion.TLSv1_0);
        assertThat(hello.clientVersion()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(hello.random()).isEqualTo(counting());
        assertThat(hello.sessionId()).isEqualTo(spec.sessionId()).hasSize(32);
        assertThat(hello.cipherSuites()).isEqualTo(spec.cipherSuites());
        assertThat(hello.compressionMethods()).containsExactly(0);
        assertThat(hello.serverName()).contains("sni.example");
        assertThat(hello.supportedGroups()).isEqualTo(spec.supportedGroups());
        assertThat(hello.signatureAlgorithms()).isEqualTo(spec.signatureAlgorithms());
        assertThat(hello.supportedVersions()).isEqualTo(spec.supportedVersions());
        assertThat(hello.highestOffered()).isEqualTo(ProtocolVersion.TLSv1_3);
        assertThat(hello.keyShares()).extracting(KeyShareEntry::group)
                .containsExactly(NamedGroup.X25519, NamedGroup.SECP256R1);
        assertThat(hello.keyShares().get(0).keyExchange()).hasSize(32).isEqualTo(x25519.keyExchange());
        assertThat(hello.keyShares().get(1).keyExchange()).hasSize(65).startsWith(4);
        assertThat(hello.alpn()).containsExactly("h2", "http/1.1");
        assertThat(hello.extension(ExtensionType.RENEGOTIATION_INFO).get().data()).containsExactly(0);
        assertThat(hello.extension(ExtensionType.PSK_KEY_EXCHANGE_MODES).get().data()).containsExactly(1, 1);
        assertThat(hello.extension(ExtensionType.STATUS_REQUEST).get().data()).containsExactly(1, 0, 0, 0, 0);
        List<Integer> types = new ArrayList<>();
        hello.extensions().forEach(e -> types.add(e.type().code()));
        assertThat(types).contains(23, 35, 11, 0x1A1A);
    }

    @Test
    void anEmptyKeyShareIsSentAsAnEmptyListNotLeftOut() {
        ClientHello hello = decoded(ClientHelloEncoder.encode(ClientHelloSpec.builder()
                .cipherSuites(suites(1)).keyShares(List.of()).build()));
        assertThat(hello.extension(ExtensionType.KEY_SHARE).get().data()).containsExactly(0, 0);
        ClientHello none = decoded(ClientHelloEncoder.encode(ClientHelloSpec.builder()
                .cipherSuites(suites(1)).build()));
        assertThat(none.extension(ExtensionType.KEY_SHARE)).isEmpty();
    }

    @Test
    void realKeySharesAreValidPublicValuesOfTheRightSize() {
        assertThat(KeyShares.entry(NamedGroup.X25519).orElseThrow().keyExchange()).hasSize(32);
        assertThat(KeyShares.entry(NamedGroup.X448).orElseThrow().keyExchange()).hasSize(56);
        assertThat(KeyShares.entry(NamedGroup.SECP256R1).orElseThrow().keyExchange()).hasSize(65).startsWith(4);
        assertThat(KeyShares.entry(NamedGroup.SECP384R1).orElseThrow().keyExchange()).hasSize(97);
        assertThat(KeyShares.entry(NamedGroup.SECP521R1).orElseThrow().keyExchange()).hasSize(133);
        assertThat(KeyShares.entry(NamedGroup.FFDHE2048)).isEmpty();
    }

    @Test
    void specRejectsImpossibleHellos() {
        assertThatThrownBy(() -> ClientHelloSpec.builder().build())
                .hasMessageContaining("at least one cipher suite");
        assertThatThrownBy(() -> ClientHelloSpec.builder().cipherSuites(suites(1)).random(new byte[31]).build())
                .hasMessageContaining("random must be 32 bytes");
        assertThatThrownBy(() -> ClientHelloSpec.builder().cipherSuites(suites(1)).sessionId(new byte[33]).build())
                .hasMessageContaining("session id");
    }

    /**
     * Fuzzing found that the encoder wrote one-byte lengths unchecked: 128 supported versions went out with a
     * list length of 0 and a corrupt hello. Everything that cannot be put on the wire as it is is refused now.
     */
    @Test
    void whatDoesNotFitItsLengthFieldIsRefusedNotTruncated() {
        ClientHelloSpec.Builder base = ClientHelloSpec.builder().random(counting()).cipherSuites(suites(1));
        List<ProtocolVersion> versions = IntStream.range(0, 128).mapToObj(i -> ProtocolVersion.TLSv1_2).toList();
        assertThatThrownBy(() -> ClientHelloEncoder.encode(base.supportedVersions(versions).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds a 1-byte length");
        assertThatThrownBy(() -> ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).alpn(List.of("h".repeat(256))).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds a 1-byte length");
        assertThatThrownBy(() -> ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).ecPointFormats(new byte[256]).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).extraExtensions(List.of(Extension.of(0x1234, new byte[70_000]))).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds a 2-byte length");
        List<ProtocolVersion> fits = versions.subList(0, 127);
        assertThat(decoded(ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).supportedVersions(fits).build())).supportedVersions()).isEqualTo(fits);
    }

    /** Fuzzing found names with non-ASCII characters sent as '?', and record versions no record layer carries. */
    @Test
    void nonAsciiNamesAndUnframableRecordVersionsAreRefused() {
        assertThatThrownBy(() -> ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).serverName("bücher.example").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server name 'bücher.example' is not ASCII");
        assertThatThrownBy(() -> ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).alpn(List.of("h2", "spdy/ü")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ALPN protocol name");
        assertThatThrownBy(() -> ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).recordVersion(ProtocolVersion.of(0x036B)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not SSLv3..TLS 1.3");
    }

    /**
     * Found by the long fuzzing run (as a round trip that read back a server_name the spec did not hold): an
     * extra extension can repeat a type the hello already carries, which no server accepts. It is refused.
     */
    @Test
    void anExtraExtensionRepeatingATypeIsRefused() {
        assertThatThrownBy(() -> ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).serverName("a.example")
                .extraExtensions(List.of(Extension.of(0, new byte[] {0, 3, 0, 0, 0}))).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> ClientHelloEncoder.encode(ClientHelloSpec.builder().random(counting())
                .cipherSuites(suites(1)).extraExtensions(List.of(Extension.of(0x1234, new byte[0]),
                        Extension.of(0x1234, new byte[1]))).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
    }

    static ClientHello decoded(byte[] record) {
        ClientHelloDecoder.Result r = ClientHelloDecoder.decode(record);
        assertThat(r).isInstanceOf(ClientHelloDecoder.Result.Decoded.class);
        assertThat(((ClientHelloDecoder.Result.Decoded) r).consumed()).isEqualTo(record.length);
        return ((ClientHelloDecoder.Result.Decoded) r).hello();
    }
}
