package io.tlsweep.check;

import static io.tlsweep.check.LegacyBytes.feed;
import static io.tlsweep.check.LegacyBytes.replied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.CompressionCheck.Answer;
import io.tlsweep.check.CompressionCheck.Part;
import io.tlsweep.check.Judgement.Result;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.Timings;
import io.tlsweep.targets.LegacyQuirk;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponseDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The compression check's decision on server bytes: the scripted server that selects DEFLATE (answering the check's
 * own hello), and OpenSSL 3.0's answer to a TLS 1.2 hello offering DEFLATE (captured: null compression), whole, in
 * pieces, truncated and mutated; then how the answers of several versions make one judgement.
 */
class CompressionCheckTest {
    private static final ClientHelloSpec TLS12 = CompressionCheck.hello(new ProtocolSupport(ProtocolVersion.TLSv1_2,
            List.of(CipherSuite.of(LegacyBytes.AES128_SHA)), PreferenceOrder.SERVER, false, List.of(),
            Optional.empty(), true, Optional.empty()), Optional.empty());
    private static final byte[] DEFLATE = LegacyBytes.answer(LegacyBytes.script(LegacyQuirk.DEFLATE), TLS12);
    private static final byte[] OPENSSL = LegacyBytes.capture("deflate-offered-openssl");

    private static Answer answer(byte[] bytes, int step) {
        return CompressionCheck.answer(new HelloRound.Exchange("test", TLS12, replied(feed(bytes, step))));
    }

    /** Where the compression method of a ServerHello in the first record lies: after version, random, id, suite. */
    private static int compressionAt(byte[] flight) {
        return 5 + 4 + 2 + 32 + 1 + (flight[5 + 4 + 2 + 32] & 0xff) + 2;
    }

    @Test
    void theCheckOffersDeflateThenNullInTheScansOwnHello() {
        assertThat(TLS12.compressionMethods()).containsExactly(1, 0);
        assertThat(TLS12.highestOffered()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(TLS12.cipherSuites()).contains(CipherSuite.of(LegacyBytes.AES128_SHA),
                CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
    }

    @Test
    void deflateSelectedIsCrime() {
        for (int step : new int[] {Integer.MAX_VALUE, 50, 1}) {
            Answer a = answer(DEFLATE, step);
            assertThat(a).isEqualTo(new Answer(ProtocolVersion.TLSv1_2, Optional.of(1), Optional.empty(), false));
            Part part = CompressionCheck.judge(List.of(a));
            assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("DEFLATE selected in TLSv1.2"));
            assertThat(new CompressionCheck().findings(part, null)).singleElement()
                    .satisfies(f -> assertThat(f.kind()).isSameAs(CompressionCheck.COMPRESSION));
        }
    }

    @Test
    void openSslChoosesNullCompression() {
        for (int step : new int[] {Integer.MAX_VALUE, 50, 1}) {
            Part part = CompressionCheck.judge(List.of(answer(OPENSSL, step)));
            assertThat(part.judgement()).isEqualTo(Judgement.notVulnerable(
                    "DEFLATE offered, not selected in TLSv1.2"));
            assertThat(new CompressionCheck().findings(part, null)).isEmpty();
        }
    }

    @Test
    void truncatedTheServerHelloCountsOnlyOnceItsRecordIsWhole() {
        int recordEnd = 5 + ((DEFLATE[3] & 0xff) << 8 | (DEFLATE[4] & 0xff));
        for (int n = 0; n <= DEFLATE.length; n++) {
            Answer a = CompressionCheck.answer(new HelloRound.Exchange("test", TLS12,
                    replied(ServerResponseDecoder.finish(Arrays.copyOf(DEFLATE, n)))));
            assertThat(CompressionCheck.judge(List.of(a)).judgement().result()).as("%d bytes", n)
                    .isEqualTo(n >= recordEnd ? Result.VULNERABLE : Result.INCONCLUSIVE);
        }
        for (int n = 0; n < OPENSSL.length; n += 7) {
            Answer a = CompressionCheck.answer(new HelloRound.Exchange("test", TLS12,
                    replied(ServerResponseDecoder.finish(Arrays.copyOf(OPENSSL, n)))));
            assertThat(CompressionCheck.judge(List.of(a)).judgement().result()).as("%d bytes", n)
                    .isNotEqualTo(Result.VULNERABLE);
        }
    }

    @Test
    void mutatedTheMethodDecides() {
        byte[] deflate = OPENSSL.clone();
        deflate[compressionAt(deflate)] = 1;
        assertThat(CompressionCheck.judge(List.of(answer(deflate, 50))).judgement().result())
                .isEqualTo(Result.VULNERABLE);
        byte[] unoffered = OPENSSL.clone();
        unoffered[compressionAt(unoffered)] = 64;
        assertThat(CompressionCheck.judge(List.of(answer(unoffered, 50))).judgement()).isEqualTo(
                Judgement.inconclusive("a compression method never offered selected in TLSv1.2"));
        byte[] nullChosen = DEFLATE.clone();
        nullChosen[compressionAt(nullChosen)] = 0;
        assertThat(CompressionCheck.judge(List.of(answer(nullChosen, 50))).judgement().result())
                .isEqualTo(Result.NOT_VULNERABLE);
    }

    @Test
    void versionsTogether() {
        Answer tls10Null = new Answer(ProtocolVersion.TLSv1_0, Optional.of(0), Optional.empty(), false);
        Answer tls11Deflate = new Answer(ProtocolVersion.TLSv1_1, Optional.of(1), Optional.empty(), false);
        Answer tls12Refused = new Answer(ProtocolVersion.TLSv1_2, Optional.empty(),
                Optional.of("fatal alert handshake_failure"), true);
        Answer tls12Lost = CompressionCheck.answer(new HelloRound.Exchange("test", TLS12, new ConnectionOutcome.NoReply(
                Failure.of(FailureKind.RESET_BEFORE_REPLY, "reset"), Timings.NONE)));
        assertThat(tls12Lost.refused()).isFalse();
        assertThat(tls12Lost.failure()).contains("reset-before-reply");
        assertThat(CompressionCheck.judge(List.of(tls10Null, tls11Deflate, tls12Lost)).judgement())
                .isEqualTo(Judgement.vulnerable("DEFLATE selected in TLSv1.1"));
        assertThat(CompressionCheck.judge(List.of(tls10Null, tls12Refused)).judgement())
                .isEqualTo(Judgement.notVulnerable("DEFLATE offered, not selected in TLSv1.0, TLSv1.2"));
        assertThat(CompressionCheck.judge(List.of(tls10Null, tls12Lost)).judgement())
                .isEqualTo(Judgement.inconclusive("no ServerHello or alert in TLSv1.2"));
    }

    @Test
    void itsPartRoundTripsThroughItsJson() {
        PartJson<Part> json = new CompressionCheck().json().orElseThrow();
        Part part = CompressionCheck.judge(List.of(
                new Answer(ProtocolVersion.TLSv1_0, Optional.of(0), Optional.empty(), false),
                new Answer(ProtocolVersion.TLSv1_1, Optional.empty(), Optional.of("fatal alert decode_error"), true),
                answer(DEFLATE, 1)));
        Part notApplicable = new Part(Judgement.notApplicable("no version up to TLS 1.2 accepted"), List.of());
        for (Part p : List.of(part, notApplicable)) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.summary(part)).isEqualTo("vulnerable: DEFLATE selected in TLSv1.2 (TLSv1.0: null compression;"
                + " TLSv1.1: fatal alert decode_error; TLSv1.2: DEFLATE)");
        ObjectNode broken = json.write(part);
        ((ObjectNode) broken.path("answers").get(0)).put("compression", "deflate");
        assertThatThrownBy(() -> json.read(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression");
        ObjectNode badVersion = json.write(part);
        ((ObjectNode) badVersion.path("answers").get(0)).put("version", "TLSv9");
        assertThatThrownBy(() -> json.read(badVersion)).isInstanceOf(IllegalArgumentException.class);
    }
}
