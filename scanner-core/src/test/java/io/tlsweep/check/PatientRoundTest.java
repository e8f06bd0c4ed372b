package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponseDecoder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PatientRound}: hellos at once, a lost answer asked again one at a time, up to three attempts in all. */
class PatientRoundTest {
    private static final ConnectionOutcome RESET = new ConnectionOutcome.NoReply(Failure.of(
            FailureKind.RESET_BEFORE_REPLY, "reset"), Timings.NONE);
    private static final ConnectionOutcome REFUSED = new ConnectionOutcome.Replied(ServerResponseDecoder.finish(
            SentinelServer.alert(40)), Timings.NONE);

    private static HelloRound.Hello hello(String purpose) {
        return new HelloRound.Hello(purpose, HelloTemplates.upTo(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2,
                List.of(CipherSuite.of(0x009C)), Optional.empty()));
    }

    private static PatientRound<List<String>> round() {
        return new PatientRound<>(100, List.of(hello("a"), hello("b")), exchanges -> exchanges.stream()
                .map(e -> e.purpose() + "=" + (e.outcome() instanceof ConnectionOutcome.NoReply ? "lost" : "answered"))
                .toList());
    }

    @Test
    void aLostAnswerIsAskedAgainAloneAndTheLastAnswerFolds() {
        PatientRound<List<String>> r = round();
        List<ProbeStep> first = r.ready();
        assertThat(first).extracting(ProbeStep::id).containsExactly(100, 101);
        assertThat(r.ready()).isEmpty();
        r.complete(first.get(0), RESET);
        assertThat(r.ready()).as("b is still out: one connection at a time").isEmpty();
        r.complete(first.get(1), REFUSED);
        List<ProbeStep> again = r.ready();
        assertThat(again).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(102);
            assertThat(s.purpose()).isEqualTo("a attempt 2");
        });
        assertThat(r.done()).isFalse();
        r.complete(again.get(0), REFUSED);
        assertThat(r.done()).isTrue();
        assertThat(r.part()).contains(List.of("a attempt 2=answered", "b=answered"));
        assertThat(r.connections()).isEqualTo(3);
        assertThat(r.ready()).isEmpty();
    }

    @Test
    void aHelloLostAgainIsAskedAgainBeforeTheNextOne() {
        PatientRound<List<String>> r = round();
        List<ProbeStep> first = r.ready();
        r.complete(first.get(0), RESET);
        r.complete(first.get(1), RESET);
        ProbeStep second = r.ready().get(0);
        r.complete(second, RESET);
        ProbeStep third = r.ready().get(0);
        assertThat(third.purpose()).as("the same hello, not the other one").isEqualTo(second.purpose().replace(
                "attempt 2", "attempt 3"));
        r.complete(third, REFUSED);
        ProbeStep other = r.ready().get(0);
        assertThat(other.purpose()).isNotEqualTo(third.purpose()).endsWith("attempt 2");
        r.complete(other, REFUSED);
        assertThat(r.part()).hasValueSatisfying(p -> assertThat(p).allMatch(s -> s.endsWith("=answered")));
        assertThat(r.connections()).isEqualTo(5);
    }

    @Test
    void aHelloLostOnEveryAttemptStandsAsLost() {
        PatientRound<List<String>> r = round();
        List<ProbeStep> first = r.ready();
        r.complete(first.get(1), REFUSED);
        r.complete(first.get(0), RESET);
        for (int attempt = 2; attempt <= PatientRound.ATTEMPTS; attempt++) {
            assertThat(r.done()).isFalse();
            r.complete(r.ready().get(0), new ConnectionOutcome.NoReply(Failure.of(FailureKind.READ_TIMEOUT, "silent"),
                    Timings.NONE));
        }
        assertThat(r.done()).isTrue();
        assertThat(r.part()).contains(List.of("a attempt 3=lost", "b=answered"));
        assertThat(r.connections()).isEqualTo(4);
    }

    @Test
    void onlyNoReplyIsLostAndStrangeOutcomesAreRefused() {
        assertThat(PatientRound.lost(RESET)).isTrue();
        assertThat(PatientRound.lost(REFUSED)).isFalse();
        assertThat(PatientRound.lost(new ConnectionOutcome.NoReply(Failure.of(FailureKind.CONNECT_REFUSED, "no"),
                Timings.NONE))).as("nothing listens: no answer to lose").isFalse();
        PatientRound<List<String>> r = round();
        List<ProbeStep> first = r.ready();
        r.complete(first.get(0), REFUSED);
        assertThatThrownBy(() -> r.complete(first.get(0), REFUSED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PatientRound<>(0, List.of(), e -> e)).isInstanceOf(
                IllegalArgumentException.class);
    }
}
