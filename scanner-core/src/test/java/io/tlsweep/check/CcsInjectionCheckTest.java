package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.CcsInjectionCheck.Part;
import io.tlsweep.engine.Replay;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.targets.ScriptedFlaw;
import io.tlsweep.targets.scripted.FlawScript;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CCS injection's decision on captured bytes: OpenSSL 3.0 and GnuTLS 3.7 refuse the early ChangeCipherSpec with
 * unexpected_message; the scripted server that takes it fails the second with bad_record_mac (the flaw); fed
 * whole, in pieces and byte by byte, cut short and changed.
 */
class CcsInjectionCheckTest {
    private static final byte[] CCS = {20, 3, 3, 0, 1, 1};
    private static final ProbeStep STEP = new ProbeStep(1, "ccs", HelloTemplates.upTo(ProtocolVersion.TLSv1_2,
            ProtocolVersion.TLSv1_2, List.of(CipherSuite.of(0xC02F)), Optional.empty()))
            .withFollowUps(CcsInjectionCheck.earlyCcs());

    private static Replay.Replayed replay(byte[] server, Replay.Split split, Replay.End end) {
        return Replay.of(STEP, server, split, end);
    }

    private static Part judge(byte[] server, Replay.Split split, Replay.End end) {
        return CcsInjectionCheck.judge(replay(server, split, end).outcome());
    }

    /** A real flight, then the scripted flawed server's answers to the two records written. */
    private static byte[] taken(String flightOf) {
        FlawScript script = new FlawScript(Set.of(ScriptedFlaw.EARLY_CCS_ACCEPTED));
        byte[] first = script.afterFlight(CCS).bytes();
        byte[] second = script.afterFlight(CCS).bytes();
        return FlawVectors.concat(FlawVectors.flight(FlawVectors.load(flightOf)), FlawVectors.concat(first, second));
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void realStacksRefuseTheEarlyChangeCipherSpecWithUnexpectedMessage(Replay.Split split) {
        for (String scenario : List.of("early-ccs-openssl", "early-ccs-gnutls")) {
            Replay.Replayed r = replay(FlawVectors.load(scenario), split, Replay.End.CLOSE);
            assertThat(r.written()).as(scenario).isEqualTo(FlawVectors.concat(CCS, CCS));
            Part part = CcsInjectionCheck.judge(r.outcome());
            assertThat(part).as(scenario).isEqualTo(new Part(Judgement.notVulnerable("refused the early"
                    + " ChangeCipherSpec with a fatal unexpected_message alert"), Optional.of(ProtocolVersion.TLSv1_2),
                    Optional.of(AlertDescription.UNEXPECTED_MESSAGE)));
            assertThat(new CcsInjectionCheck().findings(part, null)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void aServerThatTakesItFailsTheSecondAndThatIsTheFlaw(Replay.Split split) {
        Part part = judge(taken("early-ccs-openssl"), split, Replay.End.CLOSE);
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("took the early ChangeCipherSpec: the second one"
                + " failed to decrypt under the keys the first switched to (fatal bad_record_mac alert)"));
        assertThat(part.alert()).contains(AlertDescription.BAD_RECORD_MAC);
        assertThat(new CcsInjectionCheck().findings(part, null)).singleElement()
                .satisfies(f -> assertThat(f.kind()).isSameAs(CcsInjectionCheck.CCS_INJECTION));
    }

    @Test
    void theAlertDecidesAndOnlyTheFatalRefusalOrAFailedDecryptionSettleIt() {
        byte[] server = FlawVectors.load("early-ccs-gnutls");
        assertThat(judge(FlawVectors.mutated(server, -1, 21), Replay.Split.WHOLE, Replay.End.CLOSE).judgement()
                .vulnerable()).as("decryption_failed").isTrue();
        Part other = judge(FlawVectors.mutated(server, -1, 40), Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(other.judgement()).isEqualTo(Judgement.inconclusive("the early ChangeCipherSpec got a fatal"
                + " handshake_failure alert: neither the refusal (unexpected_message) nor a failed decryption"));
        Part warning = judge(FlawVectors.mutated(server, -2, 1), Replay.Split.PIECES_OF_50, Replay.End.CLOSE);
        assertThat(warning.judgement().result()).as("a warning is no refusal").isEqualTo(Judgement.Result.INCONCLUSIVE);
        int typeAt = FlawVectors.flight(server).length;
        Part notAlert = judge(FlawVectors.mutated(server, typeAt, 20), Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(notAlert.judgement().reason()).isEqualTo("the early ChangeCipherSpec got a change_cipher_spec"
                + " record, not an alert");
    }

    @Test
    void aCloseIsNoAcceptanceAndSilenceSettlesNothing() {
        byte[] flight = FlawVectors.flight(FlawVectors.load("early-ccs-openssl"));
        assertThat(judge(flight, Replay.Split.WHOLE, Replay.End.CLOSE).judgement()).isEqualTo(Judgement.notVulnerable(
                "the server closed the connection on the early ChangeCipherSpec without an alert: it did not go on"
                        + " with it"));
        assertThat(judge(flight, Replay.Split.BYTE_BY_BYTE, Replay.End.RESET).judgement().result())
                .isEqualTo(Judgement.Result.NOT_VULNERABLE);
        Part silent = judge(flight, Replay.Split.WHOLE, Replay.End.DEADLINE);
        assertThat(silent.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(silent.judgement().reason()).startsWith("the server sent nothing before the read deadline");
        byte[] cutAlert = Arrays.copyOf(FlawVectors.load("early-ccs-openssl"), flight.length + 4);
        assertThat(judge(cutAlert, Replay.Split.WHOLE, Replay.End.CLOSE).judgement().result())
                .as("half an alert and a close").isEqualTo(Judgement.Result.NOT_VULNERABLE);
    }

    @Test
    void withoutAWholeFlightNothingIsSent() {
        byte[] flight = FlawVectors.flight(FlawVectors.load("early-ccs-gnutls"));
        Replay.Replayed cut = replay(Arrays.copyOf(flight, flight.length - 3), Replay.Split.PIECES_OF_50,
                Replay.End.CLOSE);
        assertThat(cut.written()).isEmpty();
        assertThat(CcsInjectionCheck.judge(cut.outcome()).judgement()).isEqualTo(Judgement.inconclusive(
                "TLSv1.2 ServerHello without a whole first flight: no ChangeCipherSpec was sent"));
        assertThat(judge(FlawVectors.load("fallback-gnutls"), Replay.Split.WHOLE, Replay.End.CLOSE).judgement()
                .result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
    }

    @Test
    void itsPartRoundTripsThroughItsJsonAndBadFieldsAreRefused() {
        PartJson<Part> json = new CcsInjectionCheck().json().orElseThrow();
        List<Part> parts = List.of(
                new Part(Judgement.vulnerable("took it"), Optional.of(ProtocolVersion.TLSv1_0),
                        Optional.of(AlertDescription.BAD_RECORD_MAC)),
                new Part(Judgement.inconclusive("odd"), Optional.of(ProtocolVersion.TLSv1_2),
                        Optional.of(AlertDescription.of(200))),
                new Part(Judgement.notApplicable("TLS 1.3 only"), Optional.empty(), Optional.empty()));
        for (Part p : parts) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.write(parts.get(0)).toString()).isEqualTo("{\"result\":\"vulnerable\",\"reason\":\"took it\","
                + "\"version\":\"TLSv1.0\",\"alert\":20}");
        ObjectNode badAlert = json.write(parts.get(0)).put("alert", 300);
        assertThatThrownBy(() -> json.read(badAlert)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'alert'");
        ObjectNode textAlert = json.write(parts.get(0)).put("alert", "bad_record_mac");
        assertThatThrownBy(() -> json.read(textAlert)).isInstanceOf(IllegalArgumentException.class);
        ObjectNode badResult = json.write(parts.get(0)).put("result", "maybe");
        assertThatThrownBy(() -> json.read(badResult)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ccs-injection");
    }
}
