package io.tlsweep.check;

import static io.tlsweep.check.LegacyBytes.feed;
import static io.tlsweep.check.LegacyBytes.replied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.Judgement.Result;
import io.tlsweep.check.Sslv2Check.Part;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.targets.LegacyQuirk;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.SslV2CipherKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSLv2 check's decision on server bytes: the SERVER-HELLO of the scripted SSLv2 server (to the check's own
 * hello), and the refusals OpenSSL 3.0 and GnuTLS 3.7 sent to it (captured), whole, in pieces, truncated and mutated.
 */
class Sslv2CheckTest {
    private static final byte[] SERVER_HELLO = LegacyBytes.answer(LegacyBytes.script(LegacyQuirk.SSLV2),
            Sslv2Check.hello());
    private static final List<SslV2CipherKind> SCRIPTED_KINDS = List.of(SslV2CipherKind.RC4_128_WITH_MD5,
            SslV2CipherKind.RC4_128_EXPORT40_WITH_MD5, SslV2CipherKind.DES_192_EDE3_CBC_WITH_MD5);

    private static Part judge(byte[] bytes, int step) {
        return Sslv2Check.judge(replied(feed(bytes, step)));
    }

    @ParameterizedTest(name = "in pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 7, 1})
    void anSslV2ServerHelloIsDrownExposureWithItsKinds(int step) {
        Part part = judge(SERVER_HELLO, step);
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("SSLv2 SERVER-HELLO offering 3 cipher kinds:"
                + " SSL_CK_RC4_128_WITH_MD5, SSL_CK_RC4_128_EXPORT40_WITH_MD5, SSL_CK_DES_192_EDE3_CBC_WITH_MD5"
                + " (export: SSL_CK_RC4_128_EXPORT40_WITH_MD5)"));
        assertThat(part.cipherKinds()).isEqualTo(SCRIPTED_KINDS);
        assertThat(new Sslv2Check().findings(part, null)).singleElement()
                .satisfies(f -> assertThat(f.kind()).isSameAs(Sslv2Check.SSLV2));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sslv2-openssl", "sslv2-gnutls"})
    void realStacksRefuseWithProtocolVersion(String capture) {
        byte[] alert = LegacyBytes.capture(capture);
        for (int step : new int[] {alert.length, 2, 1}) {
            Part part = judge(alert, step);
            assertThat(part.judgement()).isEqualTo(Judgement.notVulnerable(
                    "the SSLv2 hello was refused: fatal alert protocol_version"));
            assertThat(part.cipherKinds()).isEmpty();
            assertThat(new Sslv2Check().findings(part, null)).isEmpty();
        }
    }

    @Test
    void aTruncatedServerHelloIsNeverTakenForOne() {
        for (int n = 0; n < SERVER_HELLO.length; n++) {
            Part part = Sslv2Check.judge(replied(ServerResponseDecoder.finish(Arrays.copyOf(SERVER_HELLO, n))));
            assertThat(part.judgement().result()).as("%d of %d bytes", n, SERVER_HELLO.length)
                    .isEqualTo(Result.INCONCLUSIVE);
        }
        byte[] alert = LegacyBytes.capture("sslv2-openssl");
        for (int n = 0; n < alert.length; n++) {
            assertThat(Sslv2Check.judge(replied(ServerResponseDecoder.finish(Arrays.copyOf(alert, n)))).judgement()
                    .result()).as("%d alert bytes", n).isEqualTo(Result.INCONCLUSIVE);
        }
    }

    @Test
    void mutatedServerHellos() {
        byte[] otherVersion = SERVER_HELLO.clone();
        otherVersion[6] = 3; // server version 0x0003
        assertThat(judge(otherVersion, Integer.MAX_VALUE).judgement().result()).isEqualTo(Result.INCONCLUSIVE);
        byte[] unknownKind = SERVER_HELLO.clone();
        int firstKind = 2 + 11 + LegacyBytes.LEAF.length;
        unknownKind[firstKind] = 8; // 0x080080, no kind of the SSL 2.0 draft
        Part unknown = judge(unknownKind, Integer.MAX_VALUE);
        assertThat(unknown.judgement().result()).isEqualTo(Result.VULNERABLE);
        assertThat(unknown.cipherKinds().get(0)).isEqualTo(SslV2CipherKind.of(0x080080));
        assertThat(unknown.judgement().reason()).contains("0x080080, SSL_CK_RC4_128_EXPORT40_WITH_MD5");
        byte[] specsNotTriplets = SERVER_HELLO.clone();
        specsNotTriplets[10] = 8; // cipher specs length 8
        assertThat(judge(specsNotTriplets, Integer.MAX_VALUE).judgement().result()).isEqualTo(Result.INCONCLUSIVE);
        byte[] longerThanSent = SERVER_HELLO.clone();
        longerThanSent[1] = (byte) (longerThanSent[1] + 1); // one byte more declared than sent
        assertThat(judge(longerThanSent, Integer.MAX_VALUE).judgement().result()).isEqualTo(Result.INCONCLUSIVE);
        byte[] otherAlert = LegacyBytes.capture("sslv2-openssl");
        otherAlert[6] = 40;
        assertThat(judge(otherAlert, Integer.MAX_VALUE).judgement()).isEqualTo(Judgement.notVulnerable(
                "the SSLv2 hello was refused: fatal alert handshake_failure"));
    }

    @Test
    void aCloseIsARefusalASilenceSettlesNothing() {
        assertThat(Sslv2Check.judge(noReply(FailureKind.CLOSED_BEFORE_REPLY, "closed")).judgement())
                .isEqualTo(Judgement.notVulnerable("the SSLv2 hello was refused: closed-before-reply"));
        assertThat(Sslv2Check.judge(noReply(FailureKind.RESET_BEFORE_REPLY, "reset")).judgement().result())
                .isEqualTo(Result.NOT_VULNERABLE);
        assertThat(Sslv2Check.judge(noReply(FailureKind.READ_TIMEOUT, "no reply in 5 s")).judgement())
                .isEqualTo(Judgement.inconclusive("no answer to the SSLv2 hello: read-timeout"));
        assertThat(Sslv2Check.judge(noReply(FailureKind.CONNECT_REFUSED, "refused")).judgement().result())
                .isEqualTo(Result.INCONCLUSIVE);
    }

    @Test
    void itsPartRoundTripsThroughItsJson() {
        PartJson<Part> json = new Sslv2Check().json().orElseThrow();
        Part vulnerable = judge(SERVER_HELLO, Integer.MAX_VALUE);
        Part refused = judge(LegacyBytes.capture("sslv2-gnutls"), Integer.MAX_VALUE);
        Part unknown = new Part(Judgement.vulnerable("SSLv2 SERVER-HELLO offering 1 cipher kind: 0x080080"),
                List.of(SslV2CipherKind.of(0x080080)));
        for (Part p : List.of(vulnerable, refused, unknown)) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.write(vulnerable).path("cipherKinds").get(1).asText())
                .isEqualTo("SSL_CK_RC4_128_EXPORT40_WITH_MD5");
        assertThat(json.summary(refused)).isEqualTo("not-vulnerable: the SSLv2 hello was refused: fatal alert"
                + " protocol_version");
        ObjectNode broken = json.write(vulnerable);
        broken.put("cipherKinds", "RC4");
        assertThatThrownBy(() -> json.read(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cipherKinds");
        ObjectNode noResult = json.write(vulnerable);
        noResult.remove("result");
        assertThatThrownBy(() -> json.read(noResult)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sslv2");
    }

    private static ConnectionOutcome noReply(FailureKind kind, String detail) {
        return new ConnectionOutcome.NoReply(Failure.of(kind, detail), Timings.NONE);
    }
}
