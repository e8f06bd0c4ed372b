package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.check.HelloFeaturesCheck.Features;
import io.tlsweep.check.HelloFeaturesCheck.Part;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ExtensionType;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HelloFeaturesCheck}'s decision on first flights captured from real servers (vectors/README.md), fed whole, in
 * 50-byte pieces and byte by byte, truncated at every length and with extensions mutated; its hello; its JSON.
 */
class HelloFeaturesCheckTest {
    private static final ClientHelloSpec HELLO = HelloTemplates.upTo(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2,
            List.of(CipherSuite.of(0xC027)), Optional.empty()).toBuilder().alpn(HelloFeaturesCheck.ALPN).build();
    private static final Features CBC_FEATURES = new Features(ProtocolVersion.TLSv1_2, CipherSuite.of(0xC027), true,
            Optional.of(true), true, Optional.of("h2"), false);

    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("tls12-cbc-features", CBC_FEATURES),
                Arguments.of("tls10-rsa-3des", new Features(ProtocolVersion.TLSv1_0, CipherSuite.of(0x000A), true,
                        Optional.of(true), true, Optional.empty(), false)),
                Arguments.of("tls12-renegotiation-alpn", new Features(ProtocolVersion.TLSv1_2, CipherSuite.of(0xC030),
                        true, Optional.empty(), true, Optional.of("http/1.1"), false)),
                Arguments.of("tls12-dhe-rsa", new Features(ProtocolVersion.TLSv1_2, CipherSuite.of(0x009F), true,
                        Optional.empty(), true, Optional.empty(), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void aCapturedFlightGivesItsFeaturesWholeInPiecesAndByteByByte(String vector, Features expected) {
        byte[] bytes = Vectors.load(vector + ".server.hex");
        for (int step : new int[] {bytes.length, 50, 1}) {
            Part part = HelloFeaturesCheck.fold(List.of(exchange(HELLO, feed(bytes, step))), false);
            assertThat(part.features()).as("in pieces of %d", step).contains(expected);
            assertThat(part.judgement().result()).isEqualTo(Judgement.Result.NOT_VULNERABLE);
            assertThat(new HelloFeaturesCheck().findings(part, null)).isEmpty();
        }
    }

    @Test
    void theServerHelloAloneDecidesAndEveryTruncationGivesAPart() {
        byte[] bytes = Vectors.load("tls12-cbc-features.server.hex");
        int helloEnd = 5 + 78;
        for (int n = 0; n <= bytes.length; n++) {
            Part part = HelloFeaturesCheck.fold(List.of(exchange(HELLO, ServerResponseDecoder.finish(
                    Arrays.copyOf(bytes, n)))), true);
            if (n >= helloEnd) {
                assertThat(part.features()).as("cut at %d", n).contains(CBC_FEATURES);
            } else {
                assertThat(part.features()).as("cut at %d", n).isEmpty();
                assertThat(part.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
                assertThat(part.judgement().reason()).startsWith("TLSv1.2 hello with EMS, encrypt-then-MAC, ticket"
                        + " and ALPN: ");
            }
            assertThat(part.ocspStapled()).isTrue();
        }
    }

    @Test
    void withoutExtendedMasterSecretItIsVulnerableAndAFinding() {
        byte[] bytes = renamed(Vectors.load("tls12-cbc-features.server.hex"), ExtensionType.EXTENDED_MASTER_SECRET,
                0x00FE);
        Part part = HelloFeaturesCheck.fold(List.of(exchange(HELLO, feed(bytes, 1))), false);
        assertThat(part.features()).hasValueSatisfying(f -> assertThat(f.extendedMasterSecret()).isFalse());
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("TLSv1.2 ServerHello without"
                + " extended_master_secret: the triple handshake attack (RFC 7627)"));
        assertThat(new HelloFeaturesCheck().findings(part, null)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isSameAs(HelloFeaturesCheck.NO_EXTENDED_MASTER_SECRET);
            assertThat(f.detail()).isEqualTo("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: ServerHello without"
                    + " extended_master_secret");
        });
    }

    @Test
    void encryptThenMacIsReadWithACbcSuiteOnly() {
        byte[] noEtm = renamed(Vectors.load("tls12-cbc-features.server.hex"), ExtensionType.ENCRYPT_THEN_MAC, 0x00FD);
        assertThat(HelloFeaturesCheck.fold(List.of(exchange(HELLO, feed(noEtm, 50))), false).features()
                .flatMap(Features::encryptThenMac)).contains(false);
        byte[] gcm = Vectors.load("tls12-cbc-features.server.hex");
        int suiteAt = 5 + 4 + 2 + 32 + 1 + gcm[5 + 4 + 2 + 32];
        assertThat(new byte[] {gcm[suiteAt], gcm[suiteAt + 1]}).containsExactly(0xC0, 0x27);
        gcm[suiteAt + 1] = 0x2F;
        Features f = HelloFeaturesCheck.fold(List.of(exchange(HELLO, feed(gcm, 50))), false).features().orElseThrow();
        assertThat(f.suite()).isEqualTo(CipherSuite.of(0xC02F));
        assertThat(f.encryptThenMac()).as("echoed, but a GCM suite has no MAC to put after encryption").isEmpty();
    }

    @Test
    void everyByteMutatedInTheServerHelloStillGivesAPart() {
        byte[] bytes = Vectors.load("tls12-cbc-features.server.hex");
        for (int i = 0; i < 5 + 78; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] mutated = bytes.clone();
                mutated[i] ^= (byte) flip;
                Part part = HelloFeaturesCheck.fold(List.of(exchange(HELLO, feed(mutated, 50))), false);
                assertThat(part.judgement()).isNotNull();
                assertThat(part.features().isPresent()).as("byte %d ^ %02x", i, flip)
                        .isEqualTo(part.judgement().result() != Judgement.Result.INCONCLUSIVE);
            }
        }
    }

    @Test
    void aNoApplicationProtocolAlertIsRecordedAndTheHelloWithoutAlpnAnswers() {
        ClientHelloSpec withoutAlpn = HELLO.toBuilder().alpn(List.of()).build();
        byte[] answer = renamed(Vectors.load("tls12-dhe-rsa.server.hex"), ExtensionType.EXTENDED_MASTER_SECRET, 0x00FE);
        ConnectionOutcome refused = new ConnectionOutcome.Replied(ServerResponseDecoder.finish(alert(120)),
                Timings.NONE);
        assertThat(HelloFeaturesCheck.alpnRefused(refused)).isTrue();
        assertThat(HelloFeaturesCheck.alpnRefused(new ConnectionOutcome.Replied(ServerResponseDecoder.finish(
                alert(40)), Timings.NONE))).isFalse();
        Part part = HelloFeaturesCheck.fold(List.of(new HelloRound.Exchange("alpn", HELLO, refused),
                exchange(withoutAlpn, feed(answer, 1))), false);
        assertThat(part.features()).contains(new Features(ProtocolVersion.TLSv1_2, CipherSuite.of(0x009F), false,
                Optional.empty(), true, Optional.empty(), true));
        assertThat(part.judgement().vulnerable()).isTrue();
        assertThat(new HelloFeaturesCheck().json().orElseThrow().summary(part)).contains(
                "ALPN refused (no_application_protocol)");
    }

    @Test
    void noServerHelloIsInconclusiveWithWhatCameInstead() {
        Part refused = HelloFeaturesCheck.fold(List.of(exchange(HELLO, ServerResponseDecoder.finish(
                Vectors.load("alert-handshake-failure.server.hex")))), false);
        assertThat(refused.judgement()).isEqualTo(Judgement.inconclusive("TLSv1.2 hello with EMS, encrypt-then-MAC,"
                + " ticket and ALPN: fatal alert handshake_failure"));
        Part lost = HelloFeaturesCheck.fold(List.of(new HelloRound.Exchange("x", HELLO, new ConnectionOutcome.NoReply(
                Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset"), Timings.NONE))), false);
        assertThat(lost.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(lost.judgement().reason()).contains("connection reset");
        Part http = HelloFeaturesCheck.fold(List.of(exchange(HELLO, ServerResponseDecoder.finish(
                Vectors.load("http-400.server.hex")))), false);
        assertThat(http.judgement().reason()).contains("not TLS (HTTP)");
        assertThat(new HelloFeaturesCheck().findings(lost, null)).isEmpty();
    }

    @Test
    void theHelloOffersEveryExtensionWithTheCbcSuitesAccepted() {
        CipherSuite gcm = CipherSuite.of(0xC02F);
        CipherSuite cbc = CipherSuite.of(0xC013);
        ClientHelloSpec mixed = HelloFeaturesCheck.hello(support(ProtocolVersion.TLSv1_2, gcm, cbc),
                Optional.of("example.test"), true);
        assertThat(mixed.cipherSuites()).startsWith(cbc).doesNotContain(gcm);
        assertThat(mixed.clientVersion()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(mixed.extendedMasterSecret()).isTrue();
        assertThat(mixed.sessionTicket()).isTrue();
        assertThat(mixed.statusRequest()).isTrue();
        assertThat(mixed.alpn()).containsExactly("h2", "http/1.1");
        assertThat(mixed.extraExtensions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExtensionType.ENCRYPT_THEN_MAC);
            assertThat(e.data()).isEmpty();
        });
        assertThat(mixed.serverName()).contains("example.test");
        ClientHelloSpec aeadOnly = HelloFeaturesCheck.hello(support(ProtocolVersion.TLSv1_0, gcm), Optional.empty(),
                true);
        assertThat(aeadOnly.cipherSuites()).startsWith(gcm);
        assertThat(aeadOnly.clientVersion()).isEqualTo(ProtocolVersion.TLSv1_0);
        ClientHelloSpec notWeb = HelloFeaturesCheck.hello(support(ProtocolVersion.TLSv1_2, gcm, cbc), Optional.empty(),
                false);
        assertThat(notWeb.alpn()).as("not a web port: no ALPN").isEmpty();
        assertThat(notWeb.extendedMasterSecret()).isTrue();
        assertThat(HelloFeaturesCheck.WEB_PORTS).containsExactlyInAnyOrder(443, 8443, 4443, 9443, 10443);
    }

    @Test
    void withoutAlpnOfferedTheReasonSaysSo() {
        ClientHelloSpec withoutAlpn = HELLO.toBuilder().alpn(List.of()).build();
        Part part = HelloFeaturesCheck.fold(List.of(exchange(withoutAlpn, feed(Vectors.load(
                "tls12-cbc-features.server.hex"), 50))), false);
        assertThat(part.judgement()).isEqualTo(Judgement.notVulnerable("extended_master_secret echoed in TLSv1.2;"
                + " ALPN not offered (not a web port)"));
        Part withAlpn = HelloFeaturesCheck.fold(List.of(exchange(HELLO, feed(Vectors.load(
                "tls12-cbc-features.server.hex"), 50))), false);
        assertThat(withAlpn.judgement().reason()).doesNotContain("ALPN");
    }

    @Test
    void itsPartRoundTripsThroughItsJson() throws Exception {
        PartJson<Part> json = new HelloFeaturesCheck().json().orElseThrow();
        List<Part> parts = List.of(
                new Part(Judgement.notVulnerable("extended_master_secret echoed in TLSv1.2"), Optional.of(CBC_FEATURES),
                        true),
                new Part(Judgement.vulnerable("no EMS"), Optional.of(new Features(ProtocolVersion.TLSv1_0,
                        CipherSuite.of(0x000A), false, Optional.empty(), false, Optional.empty(), true)), false),
                new Part(Judgement.notApplicable("TLS 1.3 only"), Optional.empty(), false),
                new Part(Judgement.inconclusive("reset"), Optional.of(new Features(ProtocolVersion.TLSv1_2,
                        CipherSuite.of(0xC0FF), true, Optional.of(false), true, Optional.of("tds/8.0"), false)), false));
        ObjectMapper mapper = new ObjectMapper();
        for (Part p : parts) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
            assertThat(json.read(mapper.readTree(mapper.writeValueAsString(json.write(p))))).isEqualTo(p);
        }
        assertThat(json.summary(parts.get(0))).isEqualTo("not-vulnerable: extended_master_secret echoed in TLSv1.2;"
                + " TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: extended master secret yes, encrypt-then-MAC yes,"
                + " session ticket yes, ALPN h2; OCSP stapled yes");
        assertThatThrownBy(() -> json.read(mapper.readTree("{\"result\":\"vulnerable\",\"reason\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ocspStapled");
        assertThatThrownBy(() -> json.read(mapper.readTree("{\"result\":\"odd\",\"reason\":\"x\","
                + "\"ocspStapled\":false}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hello-features");
        assertThatThrownBy(() -> json.read(mapper.readTree("{\"result\":\"vulnerable\",\"reason\":\"x\","
                + "\"ocspStapled\":false,\"hello\":{\"version\":\"TLSv1.2\",\"suite\":\"nonsense\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a cipher suite");
    }

    static HelloRound.Exchange exchange(ClientHelloSpec hello, ServerResponse response) {
        return new HelloRound.Exchange("test", hello, new ConnectionOutcome.Replied(response, Timings.NONE));
    }

    /** The answer as the decoder gives it when the bytes arrive in pieces of {@code step}. */
    static ServerResponse feed(byte[] bytes, int step) {
        for (int n = Math.min(step, bytes.length); ; n = Math.min(n + step, bytes.length)) {
            if (ServerResponseDecoder.decode(bytes, 0, n) instanceof ServerResponseDecoder.Decoding.Done d) {
                return d.response();
            }
            if (n == bytes.length) {
                return ServerResponseDecoder.finish(bytes, 0, n);
            }
        }
    }

    /** The bytes with the ServerHello's extension of {@code type} given the code {@code to} instead. */
    static byte[] renamed(byte[] flight, ExtensionType type, int to) {
        byte[] b = flight.clone();
        int at = 5 + 4 + 2 + 32;
        at += 1 + b[at] + 2 + 1;
        int end = at + 2 + ((b[at] & 0xFF) << 8 | b[at + 1] & 0xFF);
        for (at += 2; at < end; at += 4 + ((b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF)) {
            if (((b[at] & 0xFF) << 8 | b[at + 1] & 0xFF) == type.code()) {
                b[at] = (byte) (to >> 8);
                b[at + 1] = (byte) to;
                return b;
            }
        }
        throw new AssertionError("no " + type + " in the ServerHello");
    }

    static byte[] alert(int description) {
        return new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, (byte) description};
    }

    private static ProtocolSupport support(ProtocolVersion v, CipherSuite... suites) {
        return new ProtocolSupport(v, List.of(suites), PreferenceOrder.SERVER, false, List.of(), Optional.empty(), true,
                Optional.empty());
    }
}
