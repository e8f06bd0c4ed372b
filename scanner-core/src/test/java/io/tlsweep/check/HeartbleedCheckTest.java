package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.HeartbleedCheck.Part;
import io.tlsweep.engine.Replay;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Finding;
import io.tlsweep.targets.ScriptedFlaw;
import io.tlsweep.targets.scripted.FlawScript;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.TlsRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Heartbleed's decision on captured bytes: OpenSSL 3.0 and GnuTLS 3.7 (with and without the heartbeat extension
 * negotiated) refuse the overlong request with unexpected_message; the scripted over-read (the scripted server's
 * answer to the very request written) is the flaw; fed whole, in pieces and byte by byte, cut short and changed.
 */
class HeartbleedCheckTest {
    private static final byte[] REQUEST = {24, 3, 3, 0, 3, 1, 0x40, 0};
    private static final ProbeStep STEP = new ProbeStep(1, "heartbleed", HelloTemplates.upTo(ProtocolVersion.TLSv1_2,
            ProtocolVersion.TLSv1_2, List.of(CipherSuite.of(0xC02F)), Optional.empty()))
            .withFollowUps(new OverlongHeartbeat());

    private static Replay.Replayed replay(byte[] server, Replay.Split split, Replay.End end) {
        return Replay.of(STEP, server, split, end);
    }

    private static Part judge(byte[] server, Replay.Split split, Replay.End end) {
        return HeartbleedCheck.judge(replay(server, split, end).outcome());
    }

    /** The scripted flawed server's answer to the request, after a real server's flight. */
    private static byte[] overRead(String flightOf) {
        byte[] answer = new FlawScript(Set.of(ScriptedFlaw.HEARTBEAT_OVER_READ)).afterFlight(REQUEST).bytes();
        return FlawVectors.concat(FlawVectors.flight(FlawVectors.load(flightOf)), answer);
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void realStacksRefuseTheOverlongRequestWithUnexpectedMessage(Replay.Split split) {
        for (String scenario : List.of("heartbeat-openssl", "heartbeat-gnutls", "heartbeat-gnutls-negotiated")) {
            Replay.Replayed r = replay(FlawVectors.load(scenario), split, Replay.End.CLOSE);
            assertThat(r.written()).as(scenario).isEqualTo(REQUEST);
            Part part = HeartbleedCheck.judge(r.outcome());
            assertThat(part.judgement().result()).as(scenario).isEqualTo(Judgement.Result.NOT_VULNERABLE);
            assertThat(part.judgement().reason()).as(scenario).startsWith("the heartbeat request (3 bytes claiming"
                    + " a payload of 16,384) got a fatal unexpected_message alert");
            assertThat(part.version()).contains(ProtocolVersion.TLSv1_2);
            assertThat(part.responseBytes()).isEmpty();
            boolean negotiated = scenario.endsWith("negotiated");
            assertThat(part.heartbeatExtension()).as(scenario).contains(negotiated);
            assertThat(part.judgement().reason().endsWith("(no heartbeat extension in the ServerHello)"))
                    .isEqualTo(!negotiated);
        }
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void anOverReadIsTheFlawAndOnlyItsSizeIsKept(Replay.Split split) {
        Replay.Replayed r = replay(overRead("heartbeat-gnutls-negotiated"), split, Replay.End.CLOSE);
        Part part = HeartbleedCheck.judge(r.outcome());
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("heartbeat answered with 16,403 bytes for 3"
                + " sent: the server read past the request"));
        assertThat(part.responseBytes()).contains(16_403);
        assertThat(part.heartbeatExtension()).contains(true);
        List<TlsRecord> kept = ((ConnectionOutcome.Replied) r.outcome()).followUps().get(0).records();
        assertThat(kept).extracting(rec -> rec.fragment().length).containsExactly(1 << 14, 19);
        assertThat(Arrays.copyOf(kept.get(0).fragment(), 3)).containsExactly(2, 0x40, 0);
        for (TlsRecord rec : kept) {
            byte[] rest = Arrays.copyOfRange(rec.fragment(), rec == kept.get(0) ? 3 : 0, rec.fragment().length);
            assertThat(rest).as("the leaked bytes are zeroed before they are kept").containsOnly(0);
        }
        assertThat(new String(kept.get(0).fragment(), java.nio.charset.StandardCharsets.US_ASCII))
                .doesNotContain("scripted server memory");
        List<Finding> findings = new HeartbleedCheck().findings(part, null);
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.kind()).isSameAs(HeartbleedCheck.HEARTBLEED));
    }

    @Test
    void anOverReadWithoutTheExtensionIsTheFlawTooAndSaysSo() {
        Part part = judge(overRead("heartbeat-openssl"), Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(part.judgement().vulnerable()).isTrue();
        assertThat(part.judgement().reason()).endsWith("(no heartbeat extension in the ServerHello)");
    }

    @Test
    void anOverReadCutShortCountsTheWholeRecordsThatCame() {
        byte[] whole = overRead("heartbeat-gnutls-negotiated");
        byte[] firstRecordOnly = Arrays.copyOf(whole, whole.length - 19 - 5 + 2);
        Part cut = judge(firstRecordOnly, Replay.Split.PIECES_OF_50, Replay.End.CLOSE);
        assertThat(cut.judgement().vulnerable()).isTrue();
        assertThat(cut.responseBytes()).contains(1 << 14);
        Part slow = judge(firstRecordOnly, Replay.Split.WHOLE, Replay.End.DEADLINE);
        assertThat(slow.judgement().vulnerable()).as("the deadline passing mid-answer keeps what came").isTrue();
    }

    @Test
    void closeResetAndSilenceAfterTheRequestAreNoFlawAndSayWhich() {
        byte[] flight = FlawVectors.flight(FlawVectors.load("heartbeat-gnutls-negotiated"));
        assertThat(judge(flight, Replay.Split.WHOLE, Replay.End.CLOSE).judgement()).isEqualTo(Judgement.notVulnerable(
                "the server closed the connection after the heartbeat request (3 bytes claiming a payload of"
                        + " 16,384)"));
        assertThat(judge(flight, Replay.Split.WHOLE, Replay.End.RESET).judgement().reason())
                .startsWith("the server reset the connection after");
        assertThat(judge(flight, Replay.Split.WHOLE, Replay.End.DEADLINE).judgement().reason())
                .startsWith("the server sent nothing before the read deadline after");
    }

    @Test
    void withoutAWholeFlightNothingIsSentAndNothingIsSettled() {
        byte[] server = FlawVectors.load("heartbeat-openssl");
        byte[] flight = FlawVectors.flight(server);
        Replay.Replayed cut = replay(Arrays.copyOf(flight, flight.length - 1), Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(cut.written()).isEmpty();
        Part part = HeartbleedCheck.judge(cut.outcome());
        assertThat(part.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(part.judgement().reason()).isEqualTo("TLSv1.2 ServerHello without a whole first flight: the"
                + " heartbeat request was not sent");
        byte[] refused = FlawVectors.load("fallback-openssl");
        Part alert = judge(refused, Replay.Split.BYTE_BY_BYTE, Replay.End.CLOSE);
        assertThat(alert.judgement().reason()).isEqualTo("the hello got a fatal inappropriate_fallback alert instead"
                + " of a ServerHello: the heartbeat request was not sent");
        assertThat(alert.version()).isEmpty();
        assertThat(judge(new byte[0], Replay.Split.WHOLE, Replay.End.RESET).judgement().reason())
                .isEqualTo("no reply to the hello (reset-before-reply): the heartbeat request was not sent");
    }

    @Test
    void changedAnswersAreJudgedByWhatTheyAre() {
        byte[] server = FlawVectors.load("heartbeat-openssl");
        Part otherAlert = judge(FlawVectors.mutated(server, -1, 40), Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(otherAlert.judgement().reason()).startsWith("the heartbeat request (3 bytes claiming a payload"
                + " of 16,384) got a fatal handshake_failure alert");
        assertThat(otherAlert.judgement().result()).isEqualTo(Judgement.Result.NOT_VULNERABLE);
        int typeAt = FlawVectors.flight(server).length;
        Part handshake = judge(FlawVectors.mutated(server, typeAt, 22), Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(handshake.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(handshake.judgement().reason()).contains("got a handshake record instead of a heartbeat response");
        byte[] tiny = FlawVectors.concat(FlawVectors.flight(server), new byte[] {24, 3, 3, 0, 3, 2, 0, 0});
        Part echo = judge(tiny, Replay.Split.BYTE_BY_BYTE, Replay.End.CLOSE);
        assertThat(echo.judgement().result()).as("3 bytes back for 3 sent read nothing past the request")
                .isEqualTo(Judgement.Result.NOT_VULNERABLE);
        assertThat(echo.responseBytes()).contains(3);
        byte[] garbage = FlawVectors.concat(FlawVectors.flight(server), new byte[] {'H', 'T', 'T', 'P', '/'});
        assertThat(judge(garbage, Replay.Split.WHOLE, Replay.End.CLOSE).judgement().reason())
                .startsWith("the server answered with bytes that are not TLS records after");
    }

    @Test
    void itsPartRoundTripsThroughItsJsonAndBadFieldsAreRefused() {
        PartJson<Part> json = new HeartbleedCheck().json().orElseThrow();
        List<Part> parts = List.of(
                new Part(Judgement.vulnerable("heartbeat answered with 16,403 bytes for 3 sent"),
                        Optional.of(ProtocolVersion.TLSv1_1), Optional.of(true), Optional.of(16_403)),
                new Part(Judgement.notApplicable("no version up to TLS 1.2 accepted"), Optional.empty(),
                        Optional.empty(), Optional.empty()),
                new Part(Judgement.notVulnerable("the server closed the connection"),
                        Optional.of(ProtocolVersion.TLSv1_2), Optional.of(false), Optional.empty()));
        for (Part p : parts) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.write(parts.get(0)).toString()).isEqualTo("{\"result\":\"vulnerable\",\"reason\":\"heartbeat"
                + " answered with 16,403 bytes for 3 sent\",\"version\":\"TLSv1.1\",\"heartbeat-extension\":true,"
                + "\"response-bytes\":16403}");
        assertThat(json.summary(parts.get(0))).isEqualTo("vulnerable: heartbeat answered with 16,403 bytes for 3 sent");
        ObjectNode badVersion = json.write(parts.get(0)).put("version", "TLSv9");
        assertThatThrownBy(() -> json.read(badVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'version'");
        ObjectNode badBytes = json.write(parts.get(0)).put("response-bytes", "many");
        assertThatThrownBy(() -> json.read(badBytes)).isInstanceOf(IllegalArgumentException.class);
        ObjectNode noResult = json.write(parts.get(0));
        noResult.remove("result");
        assertThatThrownBy(() -> json.read(noResult)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbleed");
    }
}
