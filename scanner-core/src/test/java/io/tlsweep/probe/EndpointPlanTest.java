package io.tlsweep.probe;

import static io.tlsweep.probe.FakeServer.suite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.prelude.LinePrelude;
import io.tlsweep.result.CheckParts;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.result.Timings;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The endpoint plan as a composer of checks: each check starts when the ones before it are done and sees what
 * they found, uses its own range of step ids, gets its outcomes back, and puts its part into the result; a check
 * that ends the endpoint stops the rest; a check that strays from its range is a bug, not a lost step.
 */
class EndpointPlanTest {
    private static final Target TARGET = new Target("127.0.0.1:443", "127.0.0.1", 443, Optional.empty(), true, "t");
    private static final List<CipherSuite> TLS12 = List.of(suite(0xC02F), suite(0x009C));
    private static final FakeServer GOOD = new FakeServer(Map.of(ProtocolVersion.TLSv1_2, TLS12), true,
            List.of(NamedGroup.X25519), List.of(), false);
    private static final PlanSettings SETTINGS = new PlanSettings(ScanOptions.full(), List.of(), false, false);
    private static final PartKey<String> NOTE = new PartKey<>("note", String.class);

    /** A check that asks one hello with the step id it is told to use, and notes what the scan had found. */
    private static final class NoteCheck implements CheckPlanner<String> {
        final List<String> seen = new ArrayList<>();
        final int idOffset;

        NoteCheck(int idOffset) {
            this.idOffset = idOffset;
        }

        @Override
        public PartKey<String> key() {
            return NOTE;
        }

        @Override
        public Optional<CheckPlan<String>> plan(PlanContext context) {
            TargetScan scan = context.plan(TargetScan.class).orElseThrow();
            seen.add("scan done: " + scan.done() + ", accepted " + scan.accepted().stream()
                    .map(p -> p.version() + " " + p.cipherSuites().size()).toList());
            ProbeStep step = new ProbeStep(context.firstStepId() + idOffset, "note",
                    HelloTemplates.upTo(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2, TLS12, Optional.empty()));
            return Optional.of(new CheckPlan<>() {
                private boolean sent;
                private String part;

                @Override
                public List<ProbeStep> ready() {
                    if (sent) {
                        return List.of();
                    }
                    sent = true;
                    return List.of(step);
                }

                @Override
                public void complete(ProbeStep s, ConnectionOutcome outcome) {
                    seen.add("outcome for step " + s.id());
                    part = outcome instanceof ConnectionOutcome.Replied ? "answered" : "lost";
                }

                @Override
                public boolean done() {
                    return part != null;
                }

                @Override
                public Optional<String> part() {
                    return Optional.ofNullable(part);
                }

                @Override
                public int connections() {
                    return sent ? 1 : 0;
                }
            });
        }
    }

    private static CheckPlanner<Void> scan() {
        return new CheckPlanner<>() {
            @Override
            public PartKey<Void> key() {
                return TargetScan.KEY;
            }

            @Override
            public Optional<TargetScan> plan(PlanContext context) {
                return TargetScan.plan(context);
            }
        };
    }

    private static EndpointPlan drive(EndpointPlan plan, Function<io.tlsweep.wire.ClientHelloSpec,
            ConnectionOutcome> server) {
        for (int round = 0; round < 10_000 && !plan.done(); round++) {
            for (ProbeStep s : plan.ready()) {
                plan.complete(s, server.apply(s.hello()));
            }
        }
        assertThat(plan.done()).isTrue();
        return plan;
    }

    @Test
    void aCheckStartsWhenTheOnesBeforeAreDoneSeesWhatTheyFoundAndAddsItsPart() {
        NoteCheck note = new NoteCheck(0);
        EndpointPlan plan = drive(EndpointPlan.of(Optional.empty(), Optional.empty(), SETTINGS,
                List.of(scan(), note)), GOOD::answer);
        assertThat(note.seen).containsExactly("scan done: true, accepted [TLSv1.2 2]", "outcome for step " + (1 << 24));
        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.checks()).isEqualTo(CheckParts.NONE.with(NOTE, "answered", 1));
        TargetResult scanAlone = TargetResults.of(drive(EndpointPlan.of(Optional.empty(), Optional.empty(), SETTINGS,
                List.of(scan())), GOOD::answer), TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.connections()).isEqualTo(scanAlone.connections() + 1);
        assertThat(r.protocols()).extracting(ProtocolSupport::cipherSuites).containsExactly(TLS12);
    }

    /**
     * The profile hellos need nothing the scan finds: they go out beside it as soon as its first contact found a
     * TLS server, not after it; where first contact found nothing listening they are never sent.
     */
    @Test
    void theProfileHellosStartBesideTheScanOnceFirstContactFoundATlsServer() {
        EndpointPlan plan = LostAnswersTest.withProfiles();
        List<ProbeStep> first = plan.ready();
        assertThat(first).extracting(s -> s.id() >>> 24).containsOnly(0);
        assertThat(plan.ready()).isEmpty();
        first.forEach(s -> plan.complete(s, GOOD.answer(s.hello())));
        List<ProbeStep> next = plan.ready();
        assertThat(next).extracting(s -> s.id() >>> 24).contains(0, 1);
        assertThat(plan.ready()).isEmpty();

        EndpointPlan closed = LostAnswersTest.withProfiles();
        closed.ready().forEach(s -> closed.complete(s, FakeServer.noReply(FailureKind.CONNECT_REFUSED)));
        assertThat(closed.ready()).isEmpty();
        assertThat(closed.done()).isTrue();
        assertThat(closed.connections()).isEqualTo(2);
    }

    @Test
    void afterACheckThatEndsTheEndpointTheRestIsNotStarted() {
        NoteCheck note = new NoteCheck(0);
        EndpointPlan plan = drive(EndpointPlan.of(Optional.empty(), Optional.empty(), SETTINGS,
                List.of(scan(), note)), hello -> FakeServer.noReply(FailureKind.CONNECT_REFUSED));
        assertThat(note.seen).isEmpty();
        assertThat(plan.parts().isEmpty()).isTrue();
        assertThat(plan.connections()).isEqualTo(2);
    }

    @Test
    void aStepOutsideItsChecksRangeIsABug() {
        EndpointPlan plan = EndpointPlan.of(Optional.empty(), Optional.empty(), SETTINGS,
                List.of(scan(), new NoteCheck(1 << 24)));
        assertThatThrownBy(() -> drive(plan, GOOD::answer)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("check note handed out step id " + (2 << 24) + ", outside its range from "
                        + (1 << 24));
    }

    @Test
    void theEndpointsPortReachesEveryPlan() {
        List<java.util.OptionalInt> seen = new ArrayList<>();
        CheckPlanner<String> port = new CheckPlanner<>() {
            @Override
            public PartKey<String> key() {
                return NOTE;
            }

            @Override
            public Optional<CheckPlan<String>> plan(PlanContext context) {
                seen.add(context.port());
                return Optional.empty();
            }
        };
        drive(EndpointPlan.of(Optional.empty(), "127.0.0.1", 8443, Optional.empty(), Optional.empty(), SETTINGS,
                List.of(scan(), port)), GOOD::answer);
        drive(EndpointPlan.of(Optional.empty(), Optional.empty(), SETTINGS, List.of(scan(), port)), GOOD::answer);
        assertThat(seen).containsExactly(java.util.OptionalInt.of(8443), java.util.OptionalInt.empty());
    }

    @Test
    void anOutcomeNoCheckHandedOutIsABug() {
        EndpointPlan plan = EndpointPlan.of(Optional.empty(), Optional.empty(), SETTINGS, List.of(scan()));
        ProbeStep stray = new ProbeStep(5 << 24, "stray", plan.ready().get(0).hello());
        assertThatThrownBy(() -> plan.complete(stray, FakeServer.alert(40)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no started check");
    }

    @Test
    void everyStepOfEveryCheckSaysTheEndpointsPreludeAndWhatItLearnedFirstIsKept() {
        LinePrelude prelude = new LinePrelude(false);
        LinePrelude.LineFacts first = new LinePrelude.LineFacts("first", Optional.of("220 go"));
        List<ProbeStep> sent = new ArrayList<>();
        NoteCheck note = new NoteCheck(0);
        EndpointPlan plan = EndpointPlan.of(Optional.empty(), Optional.of(prelude), Optional.empty(), SETTINGS,
                List.of(scan(), note));
        for (int round = 0; round < 10_000 && !plan.done(); round++) {
            for (ProbeStep s : plan.ready()) {
                sent.add(s);
                ConnectionOutcome.Replied answer = (ConnectionOutcome.Replied) GOOD.answer(s.hello());
                LinePrelude.LineFacts facts = sent.size() == 1 ? first : new LinePrelude.LineFacts("later",
                        Optional.of("220 go"));
                plan.complete(s, new ConnectionOutcome.Replied(Optional.of(facts), answer.response(), List.of(),
                        answer.timings()));
            }
        }

        assertThat(sent).hasSizeGreaterThan(10).allMatch(s -> s.prelude().equals(Optional.of(prelude)));
        assertThat(sent).anyMatch(s -> s.id() == 1 << 24); // the second check's step too
        assertThat(plan.preludeFacts()).contains(first);
        TargetResult r = TargetResults.of(plan, TARGET.withPrelude(Optional.of("line")), Optional.empty(),
                Optional.empty(), 1);
        assertThat(r.prelude()).contains(first);
        assertThat(r.protocols()).extracting(ProtocolSupport::cipherSuites).containsExactly(TLS12);
    }

    @Test
    void aPreludeFailureEndsTheEndpointWithItsFactsAsTheTargetsFailure() {
        LinePrelude.LineFacts facts = new LinePrelude.LineFacts("mx", Optional.empty());
        NoteCheck note = new NoteCheck(0);
        EndpointPlan plan = EndpointPlan.of(Optional.empty(), Optional.of(new LinePrelude(false)), Optional.empty(),
                SETTINGS, List.of(scan(), note));
        for (int round = 0; round < 100 && !plan.done(); round++) {
            for (ProbeStep s : plan.ready()) {
                plan.complete(s, new ConnectionOutcome.NoReply(Optional.of(facts), Failure.of(
                        FailureKind.PRELUDE_TLS_NOT_OFFERED, "STARTTLS is not offered"), Timings.NONE));
            }
        }

        TargetResult r = TargetResults.of(plan, TARGET, Optional.empty(), Optional.empty(), 1);
        assertThat(r.status()).isEqualTo(ScanStatus.TLS_NOT_OFFERED);
        assertThat(r.failure()).contains(Failure.of(FailureKind.PRELUDE_TLS_NOT_OFFERED, "STARTTLS is not offered"));
        assertThat(r.prelude()).contains(facts);
        assertThat(r.connections()).isEqualTo(2); // first contact alone
        assertThat(note.seen).isEmpty();
    }

    @Test
    void twoChecksWithOneIdAreRefused() {
        assertThatThrownBy(() -> EndpointPlan.of(Optional.empty(), Optional.empty(), SETTINGS,
                List.of(scan(), new NoteCheck(0), new NoteCheck(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two checks with the id 'note'");
    }
}
