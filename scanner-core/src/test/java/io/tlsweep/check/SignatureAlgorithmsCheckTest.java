package io.tlsweep.check;

import static io.tlsweep.check.HelloFeaturesCheckTest.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.check.SignatureAlgorithmsCheck.Answer;
import io.tlsweep.check.SignatureAlgorithmsCheck.Outcome;
import io.tlsweep.check.SignatureAlgorithmsCheck.Part;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.SignatureScheme;
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
 * {@link SignatureAlgorithmsCheck}'s decision on first flights captured from real servers (vectors/README.md: OpenSSL
 * signing with rsa_pss_rsae_sha256, ecdsa_secp256r1_sha256 and, at security level 0 with the client offering nothing
 * else, rsa_pkcs1_sha1), fed whole, in pieces and byte by byte, truncated at every length and mutated; its judgement
 * over the answers of a round; its JSON.
 */
class SignatureAlgorithmsCheckTest {
    private static final SignatureScheme SHA1 = SignatureScheme.RSA_PKCS1_SHA1;
    private static final SignatureScheme PSS = SignatureScheme.RSA_PSS_RSAE_SHA256;

    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("tls12-ecdhe-rsa", PSS, Outcome.SIGNED, Optional.of(PSS)),
                Arguments.of("tls12-dhe-rsa", PSS, Outcome.SIGNED, Optional.of(PSS)),
                Arguments.of("tls12-ecdhe-ecdsa-p384", SignatureScheme.ECDSA_SECP256R1_SHA256, Outcome.SIGNED,
                        Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256)),
                Arguments.of("tls12-sha1-signature", SHA1, Outcome.SIGNED, Optional.of(SHA1)),
                Arguments.of("tls12-sha1-signature", SignatureScheme.RSA_PKCS1_SHA256, Outcome.SIGNED_OTHER,
                        Optional.of(SHA1)),
                Arguments.of("tls12-ecdhe-rsa", SignatureScheme.RSA_PKCS1_SHA512, Outcome.SIGNED_OTHER,
                        Optional.of(PSS)),
                Arguments.of("alert-handshake-failure", SHA1, Outcome.REFUSED, Optional.empty()),
                Arguments.of("tls11-ecdhe-rsa", PSS, Outcome.NO_ANSWER, Optional.empty()),
                Arguments.of("tls10-rsa-aes128", PSS, Outcome.NO_ANSWER, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} with {1} offered")
    @MethodSource("captured")
    void aCapturedFlightGivesTheSchemeItWasSignedWith(String vector, SignatureScheme offered, Outcome outcome,
            Optional<SignatureScheme> used) {
        byte[] bytes = Vectors.load(vector + ".server.hex");
        for (int step : new int[] {bytes.length, 50, 1}) {
            Answer a = SignatureAlgorithmsCheck.answer(exchange(offered, feed(bytes, step)));
            assertThat(a.offered()).isEqualTo(offered);
            assertThat(a.outcome()).as("in pieces of %d", step).isEqualTo(outcome);
            assertThat(a.used()).isEqualTo(used);
            assertThat(a.weak()).isEqualTo(used.filter(SignatureScheme::isWeakHash).isPresent());
        }
    }

    @Test
    void theSchemeIsKnownOnceTheServerKeyExchangeIsWholeAndEveryTruncationGivesAnAnswer() {
        byte[] bytes = Vectors.load("tls12-sha1-signature.server.hex");
        int keyExchangeEnd = bytes.length - 9;
        for (int n = 0; n <= bytes.length; n++) {
            Answer a = SignatureAlgorithmsCheck.answer(exchange(SHA1, ServerResponseDecoder.finish(
                    Arrays.copyOf(bytes, n))));
            assertThat(a.outcome()).as("cut at %d", n)
                    .isEqualTo(n >= keyExchangeEnd ? Outcome.SIGNED : Outcome.NO_ANSWER);
        }
    }

    @Test
    void theSignatureAlgorithmReadIsTheOneInTheBytes() {
        byte[] bytes = Vectors.load("tls12-sha1-signature.server.hex");
        int at = bytes.length - 9 - 300 + 4 + 1 + 2 + 1 + 32;
        assertThat(new byte[] {bytes[at], bytes[at + 1]}).as("rsa_pkcs1_sha1").containsExactly(0x02, 0x01);
        bytes[at] = 0x04;
        Answer a = SignatureAlgorithmsCheck.answer(exchange(SHA1, feed(bytes, 1)));
        assertThat(a.outcome()).isEqualTo(Outcome.SIGNED_OTHER);
        assertThat(a.used()).contains(SignatureScheme.RSA_PKCS1_SHA256);
        assertThat(a.weak()).isFalse();
        for (int i = 0; i < bytes.length; i += 7) {
            byte[] mutated = bytes.clone();
            mutated[i] ^= (byte) 0xA5;
            assertThat(SignatureAlgorithmsCheck.answer(exchange(SHA1, feed(mutated, 50)))).isNotNull();
        }
    }

    @Test
    void sha1SignedIsVulnerableAndAFinding() {
        Part part = fold(answer("tls12-ecdhe-rsa", PSS), answer("tls12-sha1-signature", SHA1));
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("TLS 1.2 ServerKeyExchange signed with SHA-1:"
                + " rsa_pkcs1_sha1 (RFC 9155)"));
        assertThat(new SignatureAlgorithmsCheck().findings(part, null)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isSameAs(SignatureAlgorithmsCheck.WEAK_SIGNATURE);
            assertThat(f.detail()).isEqualTo("TLSv1.2: rsa_pkcs1_sha1");
        });
        Part ignored = fold(answer("tls12-sha1-signature", SignatureScheme.RSA_PKCS1_SHA256));
        assertThat(ignored.judgement().vulnerable()).as("SHA-1 used though not offered").isTrue();
        assertThat(new SignatureAlgorithmsCheck().findings(ignored, null)).singleElement()
                .extracting(f -> f.detail()).isEqualTo("TLSv1.2: rsa_pkcs1_sha256 offered, rsa_pkcs1_sha1 used");
    }

    @Test
    void sha1RefusedIsNotVulnerableAndSha1UnansweredIsInconclusive() {
        HelloRound.Exchange refused = exchange(SHA1, ServerResponseDecoder.finish(
                Vectors.load("alert-handshake-failure.server.hex")));
        Part good = fold(answer("tls12-ecdhe-rsa", PSS), refused);
        assertThat(good.judgement()).isEqualTo(Judgement.notVulnerable("TLS 1.2 ServerKeyExchange signed with"
                + " rsa_pss_rsae_sha256; SHA-1 not used"));
        assertThat(new SignatureAlgorithmsCheck().findings(good, null)).isEmpty();
        HelloRound.Exchange lost = new HelloRound.Exchange("x", hello(SHA1), new ConnectionOutcome.NoReply(
                Failure.of(FailureKind.READ_TIMEOUT, "no reply in 5 s"), Timings.NONE));
        Part open = fold(answer("tls12-ecdhe-rsa", PSS), lost);
        assertThat(open.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(open.judgement().reason()).startsWith("no answer to the SHA-1 offer: rsa_pkcs1_sha1 (")
                .contains("no reply in 5 s");
        Part allRefused = fold(exchange(PSS, ServerResponseDecoder.finish(SentinelServer.alert(40))), refused);
        assertThat(allRefused.judgement()).isEqualTo(Judgement.notVulnerable("every TLS 1.2 scheme offered alone"
                + " was refused; SHA-1 not used"));
    }

    @Test
    void anAlertAfterTheServerHelloIsARefusal() {
        byte[] bytes = Vectors.load("tls12-ecdhe-rsa.server.hex");
        int helloEnd = 5 + 65;
        byte[] cut = Arrays.copyOf(bytes, helloEnd + 7);
        System.arraycopy(HelloFeaturesCheckTest.alert(80), 0, cut, helloEnd, 7);
        Answer a = SignatureAlgorithmsCheck.answer(exchange(SignatureScheme.ECDSA_SECP384R1_SHA384, feed(cut, 1)));
        assertThat(a.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(a.detail()).contains("fatal alert internal_error after the ServerHello");
    }

    @Test
    void eachHelloOffersOneSchemeAndLeavesTheCertificateFree() {
        assertThat(SignatureAlgorithmsCheck.RSA_SCHEMES).hasSize(7).filteredOn(SignatureScheme::isWeakHash)
                .containsExactly(SHA1);
        assertThat(SignatureAlgorithmsCheck.ECDSA_SCHEMES).hasSize(5).filteredOn(SignatureScheme::isWeakHash)
                .containsExactly(SignatureScheme.ECDSA_SHA1);
        byte[] data = SignatureAlgorithmsCheck.ANY_CERTIFICATE_SIGNATURE.data();
        assertThat((data[0] & 0xFF) << 8 | data[1] & 0xFF).isEqualTo(data.length - 2)
                .isEqualTo(2 * SignatureScheme.all().size());
    }

    @Test
    void itsPartRoundTripsThroughItsJson() throws Exception {
        PartJson<Part> json = new SignatureAlgorithmsCheck().json().orElseThrow();
        Part part = new Part(Judgement.vulnerable("SHA-1"), List.of(
                new Answer(PSS, Outcome.SIGNED, Optional.of(PSS), Optional.empty()),
                new Answer(SignatureScheme.RSA_PKCS1_SHA256, Outcome.SIGNED_OTHER, Optional.of(SHA1), Optional.empty()),
                new Answer(SignatureScheme.ED25519, Outcome.REFUSED, Optional.empty(),
                        Optional.of("fatal alert handshake_failure")),
                new Answer(SignatureScheme.of(0x0A0A), Outcome.NO_ANSWER, Optional.empty(), Optional.of("reset")),
                new Answer(ProtocolVersion.TLSv1_3, SignatureScheme.RSA_PKCS1_SHA256, Outcome.SIGNED,
                        Optional.of(SignatureScheme.RSA_PKCS1_SHA256), Optional.empty())));
        ObjectMapper mapper = new ObjectMapper();
        assertThat(json.read(json.write(part))).isEqualTo(part);
        assertThat(json.read(mapper.readTree(mapper.writeValueAsString(json.write(part))))).isEqualTo(part);
        Part none = new Part(Judgement.notApplicable("TLS 1.2 not accepted"), List.of());
        assertThat(json.read(json.write(none))).isEqualTo(none);
        assertThat(json.summary(part)).isEqualTo("vulnerable: SHA-1; signed: rsa_pss_rsae_sha256; signed-other:"
                + " rsa_pkcs1_sha256 offered, rsa_pkcs1_sha1 used; refused: ed25519 (fatal alert handshake_failure);"
                + " no-answer: 0x0A0A (reset); TLS 1.3 signed: rsa_pkcs1_sha256");
        assertThat(json.read(mapper.readTree("{\"result\":\"not-vulnerable\",\"reason\":\"x\",\"answers\":"
                + "[{\"offered\":\"rsa_pkcs1_sha1\",\"outcome\":\"refused\"}]}")).answers()).as("a line of before TLS 1.3")
                .singleElement().extracting(Answer::version).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThatThrownBy(() -> json.read(mapper.readTree("{\"result\":\"vulnerable\",\"reason\":\"x\","
                + "\"answers\":[{\"version\":\"TLSv1.0\",\"offered\":\"rsa_pkcs1_sha1\",\"outcome\":\"signed\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> json.read(mapper.readTree("{\"result\":\"vulnerable\",\"reason\":\"x\","
                + "\"answers\":[{\"offered\":\"rsa_pkcs1_sha1\",\"outcome\":\"maybe\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome");
        assertThatThrownBy(() -> json.read(mapper.readTree("{\"result\":\"vulnerable\",\"reason\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("answers");
    }

    private static Part fold(HelloRound.Exchange... exchanges) {
        return SignatureAlgorithmsCheck.fold(List.of(exchanges));
    }

    private static HelloRound.Exchange answer(String vector, SignatureScheme offered) {
        return exchange(offered, feed(Vectors.load(vector + ".server.hex"), 50));
    }

    private static ClientHelloSpec hello(SignatureScheme offered) {
        return HelloTemplates.upTo(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2, List.of(CipherSuite.of(0xC02F)),
                Optional.empty()).toBuilder().signatureAlgorithms(List.of(offered)).build();
    }

    private static HelloRound.Exchange exchange(SignatureScheme offered, ServerResponse response) {
        return new HelloRound.Exchange("test", hello(offered), new ConnectionOutcome.Replied(response, Timings.NONE));
    }
}
