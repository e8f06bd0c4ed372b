package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.HttpAuthCheck.Answer;
import io.tlsweep.check.HttpAuthCheck.Part;
import io.tlsweep.prelude.AfterTlsRun;
import io.tlsweep.prelude.AfterTlsStep;
import io.tlsweep.prelude.http.HttpAuthCodec;
import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Finding;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.result.Severity;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The HTTP authentication check's decision on what real servers answered ({@code vectors/http}: nginx 1.22 with
 * {@code auth_basic}, open, with IIS's Negotiate and NTLM challenges, with a Bearer challenge, with two challenges in
 * one field; OpenSSL's {@code s_server -www}), read by the codec as the engine runs it after a real handshake, whole,
 * byte by byte, cut short and changed; and the part's JSON both ways.
 */
class HttpAuthCheckTest {
    private static final Timings TIMINGS = new Timings(1, 2, 3);
    private static final HttpAuthCheck CHECK = new HttpAuthCheck();

    /** What the engine's real stack would report after reading {@code answer} in pieces of {@code piece} bytes. */
    private static ConnectionOutcome handshook(byte[] answer, int piece) {
        AfterTlsRun run = new AfterTlsRun("tls", new HttpAuthCodec("test.example", "/"), 64 * 1024);
        AfterTlsStep step = run.start();
        for (int at = 0; at < answer.length && step instanceof AfterTlsStep.GoOn; at += piece) {
            step = run.received(Arrays.copyOfRange(answer, at, Math.min(answer.length, at + piece)));
        }
        Optional<AuthAfterTls> learned = step instanceof AfterTlsStep.Learned l ? Optional.of(l.facts())
                : run.factsSoFar();
        return new ConnectionOutcome.Handshook(Optional.empty(), new RealHandshake("boringssl",
                ProtocolVersion.TLSv1_3, CipherSuite.of(0x1301), false, Optional.empty(), Optional.empty(), learned),
                TIMINGS);
    }

    private static byte[] vector(String name) {
        return Vectors.load("http/" + name + ".server.hex");
    }

    private static Part judge(String... vectorsByPath) {
        List<String> paths = List.of("/", "/owa/");
        Answer[] answers = new Answer[vectorsByPath.length];
        for (int i = 0; i < vectorsByPath.length; i++) {
            answers[i] = HttpAuthCheck.answer(paths.get(i), handshook(vector(vectorsByPath[i]), 1000));
        }
        return HttpAuthCheck.judge(List.of(answers));
    }

    private static List<String> findings(Part part) {
        return CHECK.findings(part, null).stream().map(f -> f.kind().label()).toList();
    }

    @Test
    void nginxWithAuthBasicIsVulnerableAndSaysWhere() {
        for (int piece : new int[] {1, 7, 1000}) {
            Answer a = HttpAuthCheck.answer("/", handshook(vector("nginx-auth-basic"), piece));
            assertThat(a).isEqualTo(Answer.http("/", 401, List.of("Basic"), Optional.of("nginx/1.22.1")));
        }
        Part part = judge("nginx-auth-basic");
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("Basic offered (/: 401, Basic)"));
        assertThat(part.basic()).isTrue();
        assertThat(CHECK.findings(part, null)).containsExactly(new Finding(HttpAuthCheck.BASIC, "/: 401, Basic"));
        assertThat(HttpAuthCheck.BASIC.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void basicOnTheUsersPathAloneIsFoundThere() {
        Part part = judge("nginx-open", "nginx-several-challenges");
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("Basic offered (/owa/: 401, Newauth, Basic)"));
        assertThat(part.answers()).extracting(Answer::describe).containsExactly("/: 200, no challenge",
                "/owa/: 401, Newauth, Basic");
    }

    @Test
    void negotiateWithNtlmIsTheLesserFlaw() {
        Part part = judge("nginx-negotiate-ntlm");
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("NTLM offered (/: 401, Negotiate, NTLM)"));
        assertThat(part.basic()).isFalse();
        assertThat(findings(part)).containsExactly("http-ntlm-auth");
        assertThat(HttpAuthCheck.NTLM.severity()).isEqualTo(Severity.LOW);
        Part both = HttpAuthCheck.judge(List.of(Answer.http("/", 401, List.of("NTLM", "Basic"))));
        assertThat(both.judgement().reason()).isEqualTo("Basic offered (/: 401, NTLM, Basic)");
        assertThat(findings(both)).containsExactly("http-basic-auth", "http-ntlm-auth");
    }

    @Test
    void bearerOrNoChallengeAtAllIsNoFlaw() {
        assertThat(judge("nginx-bearer").judgement()).isEqualTo(Judgement.notVulnerable(
                "neither Basic nor NTLM offered (/: 401, Bearer)"));
        assertThat(judge("nginx-open").judgement()).isEqualTo(Judgement.notVulnerable(
                "neither Basic nor NTLM offered (/: 200, no challenge)"));
        assertThat(judge("openssl-www", "nginx-bearer").judgement()).isEqualTo(Judgement.notVulnerable(
                "neither Basic nor NTLM offered (/: 200, no challenge; /owa/: 401, Bearer)"));
        assertThat(findings(judge("nginx-bearer"))).isEmpty();
        assertThat(HttpAuthCheck.judge(List.of(Answer.http("/", 401, List.of("Negotiate")))).judgement().result())
                .isEqualTo(Judgement.Result.NOT_VULNERABLE);
    }

    @Test
    void anAnswerThatIsNoHttpMakesTheCheckNotApply() {
        byte[] reversed = "1.1/PTTH / TEG\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Answer a = HttpAuthCheck.answer("/", handshook(reversed, 3));
        assertThat(a.describe()).isEqualTo("/: not HTTP");
        Part part = HttpAuthCheck.judge(List.of(a));
        assertThat(part.judgement()).isEqualTo(Judgement.notApplicable(
                "not an HTTP server: the answer to GET / was not HTTP"));
        assertThat(findings(part)).isEmpty();
    }

    @Test
    void everyCutBeforeTheHeadsEndIsLostAndLeavesItOpen() {
        byte[] answer = vector("nginx-auth-basic");
        int head = new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        for (int cut = 0; cut < head; cut++) {
            Part part = HttpAuthCheck.judge(List.of(HttpAuthCheck.answer("/", handshook(Arrays.copyOf(answer, cut),
                    50))));
            assertThat(part.judgement()).as("cut at " + cut).isEqualTo(Judgement.inconclusive(
                    "/: lost (no HTTP answer over TLSv1.3: the server closed or fell silent)"));
        }
        Part noHandshake = HttpAuthCheck.judge(List.of(Answer.http("/", 200, List.of()), HttpAuthCheck.answer("/owa/",
                new ConnectionOutcome.NoReply(Failure.of(FailureKind.READ_TIMEOUT, "silent"), TIMINGS))));
        assertThat(noHandshake.judgement()).isEqualTo(Judgement.inconclusive("/owa/: lost (no handshake: "
                + FailureKind.READ_TIMEOUT.label() + ")"));
        Part lostButBasic = HttpAuthCheck.judge(List.of(Answer.lost("/", "x"), Answer.http("/owa/", 401,
                List.of("Basic"))));
        assertThat(lostButBasic.judgement().vulnerable()).as("what was seen is enough").isTrue();
    }

    @Test
    void mutatedAnswersEndInAJudgementThatMatchesTheSchemesSeen() {
        Random random = new Random(16);
        for (String name : List.of("nginx-auth-basic", "nginx-negotiate-ntlm", "nginx-open", "openssl-www")) {
            byte[] answer = vector(name);
            for (int i = 0; i < 300; i++) {
                byte[] m = answer.clone();
                m[random.nextInt(Math.min(m.length, 400))] = (byte) random.nextInt(256);
                Part part = HttpAuthCheck.judge(List.of(HttpAuthCheck.answer("/", handshook(m, 1 + random.nextInt(40)))));
                Answer a = part.answers().get(0);
                assertThat(part.judgement().vulnerable()).as(name + " " + a.describe())
                        .isEqualTo(a.offers("Basic") || a.offers("NTLM"));
            }
        }
    }

    @Test
    void thePartGoesIntoTheLineAndBack() {
        PartJson<Part> json = CHECK.json().orElseThrow();
        List<Part> parts = List.of(judge("nginx-auth-basic"), judge("nginx-open", "nginx-negotiate-ntlm"),
                HttpAuthCheck.judge(List.of(Answer.notHttp("/"))), HttpAuthCheck.judge(List.of(Answer.lost("/",
                        "no handshake: read-timeout"))), new Part(Judgement.notApplicable("not a web port"),
                        List.of()));
        for (Part p : parts) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        ObjectNode written = json.write(judge("nginx-auth-basic"));
        assertThat(written.toString()).isEqualTo("{\"result\":\"vulnerable\",\"reason\":\"Basic offered (/: 401,"
                + " Basic)\",\"basic\":true,\"server\":\"nginx/1.22.1\",\"answers\":[{\"path\":\"/\",\"status\":401,"
                + "\"schemes\":[\"Basic\"],\"server\":\"nginx/1.22.1\"}]}");
        ObjectNode before = written.deepCopy();
        before.remove("server");
        ((ObjectNode) before.path("answers").get(0)).remove("server");
        assertThat(json.read(before).answers()).as("a line written before the server was kept")
                .containsExactly(Answer.http("/", 401, List.of("Basic")));
        assertThat(json.read(before).server()).isEmpty();
        Part second = HttpAuthCheck.judge(List.of(Answer.http("/", 200, List.of()), Answer.http("/owa/", 401,
                List.of("Basic"), Optional.of("Microsoft-IIS/10.0"))));
        assertThat(json.write(second).path("server").asText()).as("the first answer that had one")
                .isEqualTo("Microsoft-IIS/10.0");
        ObjectNode notText = written.deepCopy();
        ((ObjectNode) notText.path("answers").get(0)).put("server", 7);
        assertThatThrownBy(() -> json.read(notText)).hasMessage("http-auth: 'server' is not text: 7");
        assertThat(json.write(HttpAuthCheck.judge(List.of(Answer.notHttp("/")))).path("answers").get(0).toString())
                .isEqualTo("{\"path\":\"/\",\"not-http\":true}");
        assertThat(json.summary(judge("nginx-open", "nginx-auth-basic"))).isEqualTo("vulnerable (/: 200, no"
                + " challenge; /owa/: 401, Basic)");
        assertThat(json.summary(parts.get(4))).isEqualTo("not-applicable: not a web port");
        ObjectNode bad = written.deepCopy();
        ((ObjectNode) bad.path("answers").get(0)).put("status", "x");
        assertThatThrownBy(() -> json.read(bad)).hasMessage("http-auth: 'status' is not an HTTP status: \"x\"");
        ObjectNode none = written.deepCopy();
        ((ObjectNode) none.path("answers").get(0)).remove("status");
        assertThatThrownBy(() -> json.read(none)).hasMessageContaining("neither 'status', 'not-http' nor 'lost'");
    }

    @Test
    void theUsersPathIsAskedOnlyWhenItIsAnother() {
        assertThat(HttpAuthCheck.paths("/")).containsExactly("/");
        assertThat(HttpAuthCheck.paths("/owa/")).containsExactly("/", "/owa/");
        assertThat(HttpAuthCheck.hello(new io.tlsweep.result.ProtocolSupport(ProtocolVersion.TLSv1_2,
                List.of(CipherSuite.of(0xC02F)), io.tlsweep.result.PreferenceOrder.SERVER, false, List.of(),
                Optional.empty(), true, Optional.empty()), Optional.of("a.example")).alpn())
                .containsExactly("http/1.1");
    }
}
