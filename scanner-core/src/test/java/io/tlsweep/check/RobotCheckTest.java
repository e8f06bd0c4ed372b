package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.RobotCheck.Oracle;
import io.tlsweep.check.RobotCheck.Part;
import io.tlsweep.engine.Replay;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ROBOT's records and decision on captured bytes ({@code vectors/robot}, made by {@code capture_robot.py} there):
 * OpenSSL 3.0 and GnuTLS 3.7 answer all five variants with bad_record_mac and a close; the records written after
 * their flights are exactly the ones the capture script encrypted on its own from the leaf's modulus. Then the
 * answers fed whole, in pieces and byte by byte, cut short, silent and changed into the oracles of the paper.
 */
class RobotCheckTest {
    private static final String SAME = "a fatal bad_record_mac alert, then closed";

    private static ProbeStep step(RobotVariant v) {
        return new ProbeStep(1, "robot " + v.label(), HelloTemplates.upTo(ProtocolVersion.TLSv1_2,
                ProtocolVersion.TLSv1_2, List.of(CipherSuite.of(0x002F), CipherSuite.of(0x009C)), Optional.empty()))
                .withFollowUps(new RobotKeyExchange(v, ProtocolVersion.TLSv1_2.code()));
    }

    private static String file(String stack, RobotVariant v) {
        return "robot/robot-" + stack + "-" + v.label() + ".server.hex";
    }

    private static byte[] load(String stack, RobotVariant v) {
        return Vectors.load(file(stack, v));
    }

    /** The records the capture script sent after the flight (its "# follow-up sent:" line). */
    private static byte[] sentByTheCapture(String stack, RobotVariant v) {
        try (InputStream in = RobotCheckTest.class.getResourceAsStream("/vectors/" + file(stack, v))) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String prefix = "# follow-up sent: ";
            return Hex.parse(text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow()
                    .substring(prefix.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One round: each variant's server bytes (made from the captured ones by {@code server}) replayed. */
    private static List<ConnectionOutcome> round(Function<RobotVariant, byte[]> server, Replay.Split split,
            Replay.End end) {
        List<ConnectionOutcome> outcomes = new ArrayList<>();
        for (RobotVariant v : RobotVariant.values()) {
            outcomes.add(Replay.of(step(v), server.apply(v), split, end).outcome());
        }
        return outcomes;
    }

    private static List<ConnectionOutcome> captured(String stack) {
        return round(v -> load(stack, v), Replay.Split.WHOLE, Replay.End.CLOSE);
    }

    /** {@code stack}'s bytes with the alert of {@code changed} variants set to {@code description}. */
    private static List<ConnectionOutcome> withAlert(String stack, int description, RobotVariant... changed) {
        List<RobotVariant> which = List.of(changed);
        return round(v -> which.contains(v) ? FlawVectors.mutated(load(stack, v), -1, description) : load(stack, v),
                Replay.Split.WHOLE, Replay.End.CLOSE);
    }

    private static Part decide(List<List<ConnectionOutcome>> rounds) {
        return RobotCheck.decide(rounds).orElseThrow(() -> new AssertionError("no part after " + rounds.size()));
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void realStacksAnswerEveryVariantAlikeAndTheRecordsAreTheCapturesOwn(Replay.Split split) {
        for (String stack : List.of("openssl", "gnutls")) {
            List<ConnectionOutcome> round = new ArrayList<>();
            for (RobotVariant v : RobotVariant.values()) {
                Replay.Replayed r = Replay.of(step(v), load(stack, v), split, Replay.End.RESET);
                assertThat(r.written()).as(stack + " " + v.label()).isEqualTo(sentByTheCapture(stack, v));
                round.add(r.outcome());
            }
            Part part = decide(List.of(round));
            assertThat(part.judgement()).as(stack).isEqualTo(Judgement.notVulnerable("all five ClientKeyExchange"
                    + " variants got the same answer: " + SAME));
            assertThat(part.version()).contains(ProtocolVersion.TLSv1_2);
            assertThat(part.oracle()).isEmpty();
            assertThat(part.answers()).hasSize(5).containsValue(SAME).doesNotContainValue("");
            assertThat(new RobotCheck().findings(part, null)).isEmpty();
        }
    }

    @Test
    void theFiveRecordsDifferOnlyInTheEncryptedPremasterSecret() {
        byte[] correct = sentByTheCapture("openssl", RobotVariant.CORRECT);
        int k = 256;
        assertThat(correct).hasSize(5 + 4 + 2 + k + 6 + 5 + RobotKeyExchange.GARBAGE_FINISHED.length);
        assertThat(Arrays.copyOf(correct, 11)).isEqualTo(Hex.parse("160303010610000102" + "0100"));
        for (RobotVariant v : RobotVariant.values()) {
            byte[] other = sentByTheCapture("openssl", v);
            assertThat(Arrays.copyOf(other, 11)).isEqualTo(Arrays.copyOf(correct, 11));
            assertThat(Arrays.copyOfRange(other, 11 + k, other.length))
                    .isEqualTo(Arrays.copyOfRange(correct, 11 + k, correct.length));
            assertThat(v == RobotVariant.CORRECT || !Arrays.equals(other, correct)).as(v.label()).isTrue();
        }
    }

    @Test
    void aWeakOracleIsFoundWhenOnlyTheWellFormedBlocksAreAnsweredOtherwiseTheSameTwice() {
        List<ConnectionOutcome> oracle = withAlert("gnutls", 40, RobotVariant.WRONG_FIRST_BYTES,
                RobotVariant.MISPLACED_ZERO, RobotVariant.NO_ZERO);
        assertThat(RobotCheck.decide(List.of(oracle))).as("differing answers are asked again").isEmpty();
        Part part = decide(List.of(oracle, oracle));
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("the ClientKeyExchange variants got different"
                + " answers, confirmed by a second round (" + SAME + " for correctly formatted, wrong TLS version (0x02 0x02);"
                + " a fatal handshake_failure alert, then closed for wrong first two bytes (0x41 0x17), 0x00 in the"
                + " wrong position, no 0x00 separator): a weak oracle (only the well-formed blocks are told apart)"));
        assertThat(part.oracle()).contains(Oracle.WEAK);
        assertThat(part.answers().get(RobotVariant.NO_ZERO)).isEqualTo("a fatal handshake_failure alert, then closed");
        assertThat(new RobotCheck().findings(part, null)).singleElement()
                .satisfies(f -> assertThat(f.kind()).isSameAs(RobotCheck.ROBOT));
    }

    @Test
    void aStrongOracleTellsBlocksStartingZeroTwoFromTheOthers() {
        List<ConnectionOutcome> oracle = withAlert("openssl", 51, RobotVariant.WRONG_FIRST_BYTES);
        Part part = decide(List.of(oracle, withAlert("openssl", 51, RobotVariant.WRONG_FIRST_BYTES)));
        assertThat(part.oracle()).contains(Oracle.STRONG);
        assertThat(part.judgement().reason()).endsWith("a fatal decrypt_error alert, then closed for wrong first two"
                + " bytes (0x41 0x17)): a strong oracle (malformed blocks that start 0x00 0x02 are told from the one"
                + " with wrong first bytes)");
        List<ConnectionOutcome> silentWhenWellFormed = round(v -> v == RobotVariant.CORRECT
                ? FlawVectors.flight(load("openssl", v)) : load("openssl", v), Replay.Split.PIECES_OF_50,
                Replay.End.DEADLINE);
        Part timing = decide(List.of(silentWhenWellFormed, silentWhenWellFormed));
        assertThat(timing.judgement().vulnerable()).as("a silence is an answer too").isTrue();
        assertThat(timing.answers().get(RobotVariant.CORRECT)).isEqualTo(RobotReading.SILENCE);
        assertThat(timing.answers().get(RobotVariant.NO_ZERO)).isEqualTo("a fatal bad_record_mac alert, then open"
                + " until the read deadline");
        assertThat(timing.oracle()).contains(Oracle.WEAK);
    }

    @Test
    void differentAnswersThatDoNotRepeatAreNoOracle() {
        List<ConnectionOutcome> once = withAlert("openssl", 40, RobotVariant.CORRECT);
        Part part = decide(List.of(once, captured("openssl")));
        assertThat(part.judgement()).isEqualTo(Judgement.inconclusive("the correctly formatted ClientKeyExchange got"
                + " a fatal handshake_failure alert, then closed, then " + SAME + ": the answers are not stable"));
        assertThat(new RobotCheck().findings(part, null)).isEmpty();
    }

    @Test
    void aLostAnswerIsAskedAgainAndLostTwiceItSettlesNothing() {
        List<ConnectionOutcome> cutFlight = round(v -> v == RobotVariant.NO_ZERO ? Arrays.copyOf(load("gnutls", v),
                300) : load("gnutls", v), Replay.Split.BYTE_BY_BYTE, Replay.End.CLOSE);
        byte[] cut = Arrays.copyOf(load("gnutls", RobotVariant.NO_ZERO), 300);
        assertThat(Replay.of(step(RobotVariant.NO_ZERO), cut, Replay.Split.WHOLE, Replay.End.CLOSE).written())
                .as("nothing after half a flight").isEmpty();
        assertThat(RobotCheck.decide(List.of(cutFlight))).isEmpty();
        assertThat(decide(List.of(cutFlight, captured("gnutls"))).judgement()).as("answered the second time")
                .isEqualTo(Judgement.notVulnerable("all five ClientKeyExchange variants got the same answer: " + SAME));
        Part twice = decide(List.of(cutFlight, cutFlight));
        assertThat(twice.judgement()).isEqualTo(Judgement.inconclusive("the answer to the no 0x00 separator"
                + " ClientKeyExchange was lost twice (TLSv1.2 ServerHello without a whole first flight)"));
    }

    @Test
    void halfAnAlertThenACloseIsACloseAndSilenceEverywhereSettlesNothing() {
        List<ConnectionOutcome> halfAlert = round(v -> {
            byte[] all = load("openssl", v);
            return v == RobotVariant.CORRECT ? Arrays.copyOf(all, all.length - 3) : all;
        }, Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(RobotReading.of(halfAlert.get(0)).text()).isEqualTo("a close without an alert");
        assertThat(RobotReading.of(halfAlert.get(1)).text()).isEqualTo(SAME);
        List<ConnectionOutcome> silent = round(v -> FlawVectors.flight(load("openssl", v)), Replay.Split.WHOLE,
                Replay.End.DEADLINE);
        assertThat(RobotCheck.decide(List.of(silent))).as("silence is asked again").isEmpty();
        assertThat(decide(List.of(silent, silent)).judgement()).isEqualTo(Judgement.inconclusive("none of the five"
                + " ClientKeyExchange variants was answered before the read deadline, twice"));
        List<ConnectionOutcome> reset = round(v -> FlawVectors.flight(load("openssl", v)), Replay.Split.WHOLE,
                Replay.End.RESET);
        assertThat(decide(List.of(reset)).judgement()).isEqualTo(Judgement.notVulnerable("all five ClientKeyExchange"
                + " variants got the same answer: a reset without an alert"));
    }

    @Test
    void anAnswerOtherThanAnAlertIsKeptAsItsTypeAlone() {
        byte[] all = load("gnutls", RobotVariant.CORRECT);
        byte[] notAlert = FlawVectors.mutated(all, all.length - 7, 23);
        ConnectionOutcome o = Replay.of(step(RobotVariant.CORRECT), notAlert, Replay.Split.WHOLE, Replay.End.CLOSE)
                .outcome();
        assertThat(RobotReading.of(o).text()).isEqualTo("a record of type application_data, then closed");
        assertThat(((ConnectionOutcome.Replied) o).followUps().get(0).records().get(0).fragment()).isEmpty();
    }

    @Test
    void withoutAStaticRsaSuiteOrAnRsaKeyItDoesNotApply() {
        byte[] ecdhe = FlawVectors.load("early-ccs-openssl");
        Replay.Replayed r = Replay.of(step(RobotVariant.CORRECT), ecdhe, Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(r.written()).isEmpty();
        List<ConnectionOutcome> round = new ArrayList<>(captured("openssl"));
        round.set(3, r.outcome());
        Part part = decide(List.of(round));
        assertThat(part.judgement()).isEqualTo(Judgement.notApplicable("the ServerHello chose"
                + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, not a static RSA key exchange"));
    }

    @Test
    void itsPartRoundTripsThroughItsJsonAndBadFieldsAreRefused() {
        PartJson<Part> json = new RobotCheck().json().orElseThrow();
        Map<RobotVariant, String> answers = new EnumMap<>(RobotVariant.class);
        answers.put(RobotVariant.CORRECT, SAME);
        answers.put(RobotVariant.NO_ZERO, "a reset without an alert");
        List<Part> parts = List.of(
                new Part(Judgement.vulnerable("differ"), Optional.of(ProtocolVersion.TLSv1_2), Optional.of(Oracle.WEAK),
                        answers),
                new Part(Judgement.notVulnerable("alike"), Optional.of(ProtocolVersion.TLSv1_0), Optional.empty(),
                        answers),
                new Part(Judgement.notApplicable("no TLS_RSA"), Optional.empty(), Optional.empty(), Map.of()));
        for (Part p : parts) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.write(parts.get(0)).toString()).isEqualTo("{\"result\":\"vulnerable\",\"reason\":\"differ\","
                + "\"version\":\"TLSv1.2\",\"oracle\":\"weak\",\"answers\":{\"correct\":\"" + SAME + "\","
                + "\"no-zero\":\"a reset without an alert\"}}");
        ObjectNode badOracle = json.write(parts.get(0)).put("oracle", "medium");
        assertThatThrownBy(() -> json.read(badOracle)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'oracle'");
        ObjectNode badVariant = json.write(parts.get(0));
        ((ObjectNode) badVariant.get("answers")).put("short-flow", "x");
        assertThatThrownBy(() -> json.read(badVariant)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("short-flow");
        ObjectNode badAnswer = json.write(parts.get(0));
        ((ObjectNode) badAnswer.get("answers")).put("correct", 20);
        assertThatThrownBy(() -> json.read(badAnswer)).isInstanceOf(IllegalArgumentException.class);
        ObjectNode badResult = json.write(parts.get(0)).put("result", "maybe");
        assertThatThrownBy(() -> json.read(badResult)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("robot");
    }

    @Test
    void itIsOptInAndSaysWhatItCosts() {
        RobotCheck check = new RobotCheck();
        assertThat(check.optional()).isTrue();
        assertThat(check.onByDefault()).isFalse();
        assertThat(check.about()).contains("opt-in", "5 connections", "10 when");
        assertThat(RobotRounds.MAX_CONNECTIONS).isEqualTo(10);
        assertThat(Checks.BUILT_IN.byId("robot")).containsInstanceOf(RobotCheck.class);
        assertThat(Checks.BUILT_IN.select(List.of("robot")).runs("robot", false)).isTrue();
        assertThat(Checks.BUILT_IN.select(List.of("all")).runs("robot", false)).isTrue();
        assertThat(Checks.BUILT_IN.select(List.of("default")).runs("robot", false)).isFalse();
    }
}
