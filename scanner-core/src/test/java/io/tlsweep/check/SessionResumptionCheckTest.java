package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.SessionResumptionCheck.Part;
import io.tlsweep.check.SessionResumptionCheck.Resumption;
import io.tlsweep.engine.Replay;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ExtensionType;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.NewSessionTicket;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Vectors;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Session resumption's decision on what OpenSSL 3.0 s_server answered to hellos resuming by ticket, by session id, and
 * with a ticket it could no longer read (captured, vectors/realstack), fed whole, in pieces and byte by byte, cut
 * short and changed; its plan walked with scripted outcomes; its part through its JSON.
 */
class SessionResumptionCheckTest {
    private static final ClientHelloSpec HELLO = HelloTemplates.upTo(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2,
            List.of(CipherSuite.of(0xC030), CipherSuite.of(0xC02F)), Optional.empty());
    private static final byte[] TICKET_RESUMED = Vectors.load("realstack/openssl-resumed-ticket.server.hex");
    private static final byte[] ID_RESUMED = Vectors.load("realstack/openssl-resumed-id.server.hex");
    private static final byte[] FULL = Vectors.load("realstack/openssl-full-after-restart.server.hex");
    /** The session ids the client offered in each capture (their headers say so). */
    private static final byte[] TICKET_SID = Hex.parse(
            "bd20742234ce66227c18e1ebf630fc06fee3f274d05020cca581d1bb258c741e");
    private static final byte[] ID_SID = Hex.parse("f59ef1819a390c25a832d84dd328dd49fc6cf55e30f3712c28ed1cf4d92fdaf9");
    private static final byte[] FULL_SID = Hex.parse(
            "042a95c721ec2426dd4facf13b08f18fde1d90154452100c347604f2aea53b08");
    private static final int SID_AT = 5 + 4 + 2 + 32 + 1;

    private static Resumption read(byte[] offeredId, byte[] server, Replay.Split split, Replay.End end) {
        ClientHelloSpec sent = HELLO.toBuilder().sessionId(offeredId).build();
        return SessionResumptionPlan.read(sent, Replay.of(new ProbeStep(1, "resume", sent), server, split, end)
                .outcome());
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void openSslResumesByTicketAndByIdAndOtherwiseRunsAFullHandshake(Replay.Split split) {
        assertThat(read(TICKET_SID, TICKET_RESUMED, split, Replay.End.DEADLINE)).isEqualTo(Resumption.RESUMED);
        assertThat(read(ID_SID, ID_RESUMED, split, Replay.End.DEADLINE)).isEqualTo(Resumption.RESUMED);
        assertThat(read(FULL_SID, FULL, split, Replay.End.DEADLINE)).isEqualTo(Resumption.FULL_HANDSHAKE);
    }

    @Test
    void anEchoOfAnotherIdIsNoResumption() {
        byte[] other = TICKET_SID.clone();
        other[31] ^= 1;
        assertThat(read(other, TICKET_RESUMED, Replay.Split.WHOLE, Replay.End.CLOSE))
                .isEqualTo(Resumption.FULL_HANDSHAKE);
        byte[] mutated = TICKET_RESUMED.clone();
        mutated[SID_AT + 1] ^= 0x40; // the echoed id changed
        assertThat(read(TICKET_SID, mutated, Replay.Split.PIECES_OF_50, Replay.End.CLOSE))
                .isEqualTo(Resumption.FULL_HANDSHAKE);
        assertThat(read(new byte[0], ID_RESUMED, Replay.Split.WHOLE, Replay.End.CLOSE)).as("nothing offered")
                .isEqualTo(Resumption.FULL_HANDSHAKE);
    }

    @Test
    void anEchoWithACertificateIsAFullHandshake() {
        byte[] echoingFull = FULL.clone(); // its ServerHello has an empty id: give it the one offered
        byte[] withId = new byte[echoingFull.length + 32];
        System.arraycopy(echoingFull, 0, withId, 0, SID_AT - 1);
        withId[SID_AT - 1] = 32;
        System.arraycopy(FULL_SID, 0, withId, SID_AT, 32);
        System.arraycopy(echoingFull, SID_AT, withId, SID_AT + 32, echoingFull.length - SID_AT);
        int record = ((withId[3] & 0xFF) << 8 | (withId[4] & 0xFF)) + 32;
        withId[3] = (byte) (record >> 8);
        withId[4] = (byte) record;
        int message = ((withId[7] & 0xFF) << 8 | (withId[8] & 0xFF)) + 32;
        withId[7] = (byte) (message >> 8);
        withId[8] = (byte) message;
        assertThat(read(FULL_SID, withId, Replay.Split.BYTE_BY_BYTE, Replay.End.DEADLINE))
                .isEqualTo(Resumption.FULL_HANDSHAKE);
    }

    @Test
    void cutShortItIsNoAnswerNeverAResumption() {
        for (int cut = 0; cut < TICKET_RESUMED.length - 1; cut += 3) {
            Resumption r = read(TICKET_SID, Arrays.copyOf(TICKET_RESUMED, cut), Replay.Split.WHOLE, Replay.End.CLOSE);
            assertThat(r).as("cut at " + cut).isIn(Resumption.NO_ANSWER);
        }
        assertThat(read(TICKET_SID, new byte[0], Replay.Split.WHOLE, Replay.End.RESET))
                .isEqualTo(Resumption.NO_ANSWER);
    }

    @Test
    void anAlertIsARefusal() {
        byte[] alert = Vectors.load("alert-handshake-failure.server.hex");
        assertThat(read(TICKET_SID, alert, Replay.Split.WHOLE, Replay.End.CLOSE)).isEqualTo(Resumption.REFUSED);
    }

    @Test
    void everySingleByteMutationOfTheResumedAnswerIsReadWithoutThrowing() {
        for (int i = 0; i < TICKET_RESUMED.length; i++) {
            byte[] mutated = TICKET_RESUMED.clone();
            mutated[i] ^= 0x5A;
            Resumption r = read(TICKET_SID, mutated, Replay.Split.PIECES_OF_50, Replay.End.CLOSE);
            if (i >= SID_AT && i < SID_AT + 32) {
                assertThat(r).as("byte " + i).isNotEqualTo(Resumption.RESUMED);
            }
        }
    }

    private static RealHandshake.Tap tap(byte[] id, Optional<NewSessionTicket> ticket, boolean ems) {
        return new RealHandshake.Tap(Optional.of(id), ticket, ems);
    }

    private static ConnectionOutcome handshook(RealHandshake.Tap tap) {
        return new ConnectionOutcome.Handshook(Optional.empty(), new RealHandshake("jdk", ProtocolVersion.TLSv1_2,
                CipherSuite.of(0xC030), false, Optional.of(tap), Optional.empty(), Optional.empty()), Timings.NONE);
    }

    @Test
    void itsPlanAsksWithTheIdAndTheTicketItWasGivenThenFolds() {
        SessionResumptionPlan plan = new SessionResumptionPlan(100, HELLO);
        ProbeStep first = plan.ready().get(0);
        assertThat(first.real()).hasValueSatisfying(r -> assertThat(r.tap()).isTrue());
        assertThat(plan.ready()).isEmpty();
        NewSessionTicket ticket = new NewSessionTicket(700_000, Hex.parse("0102030405"));
        plan.complete(first, handshook(tap(ID_SID, Optional.of(ticket), true)));
        List<ProbeStep> resumptions = plan.ready();
        assertThat(resumptions).hasSize(2);
        ClientHelloSpec byId = resumptions.get(0).hello();
        assertThat(byId.sessionId()).isEqualTo(ID_SID);
        assertThat(byId.sessionTicket()).isFalse();
        assertThat(byId.extraExtensions()).noneMatch(e -> e.type().equals(ExtensionType.SESSION_TICKET));
        assertThat(byId.extendedMasterSecret()).isTrue();
        ClientHelloSpec byTicket = resumptions.get(1).hello();
        assertThat(byTicket.sessionId()).hasSize(32).isNotEqualTo(ID_SID);
        assertThat(byTicket.extraExtensions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExtensionType.SESSION_TICKET);
            assertThat(e.data()).isEqualTo(ticket.ticket());
        });
        assertThat(plan.done()).isFalse();
        plan.complete(resumptions.get(0), Replay.of(resumptions.get(0), FULL, Replay.Split.WHOLE, Replay.End.CLOSE)
                .outcome());
        assertThat(plan.done()).isFalse();
        plan.complete(resumptions.get(1), new ConnectionOutcome.NoReply(Failure.of(FailureKind.RESET_BEFORE_REPLY,
                "reset"), Timings.NONE));
        Part part = plan.part().orElseThrow();
        assertThat(part.byId()).isEqualTo(Resumption.FULL_HANDSHAKE);
        assertThat(part.byTicket()).isEqualTo(Resumption.NO_ANSWER);
        assertThat(part.ticketLifetimeHint()).contains(700_000L);
        assertThat(part.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(plan.connections()).isEqualTo(3);
        assertThat(new SessionResumptionCheck().findings(part, null)).singleElement().satisfies(f -> assertThat(
                f.kind()).isSameAs(SessionResumptionCheck.LONG_TICKET_LIFETIME));
    }

    @Test
    void withNothingHandedOutItAsksNothingMore() {
        SessionResumptionPlan plan = new SessionResumptionPlan(0, HELLO);
        ProbeStep first = plan.ready().get(0);
        plan.complete(first, handshook(tap(new byte[0], Optional.empty(), false)));
        assertThat(plan.done()).isTrue();
        assertThat(plan.ready()).isEmpty();
        assertThat(plan.part().orElseThrow()).isEqualTo(new Part(Judgement.notVulnerable("TLSv1.2 (jdk): by session"
                + " id not-offered, by ticket not-offered"), Optional.of(ProtocolVersion.TLSv1_2),
                Resumption.NOT_OFFERED, Resumption.NOT_OFFERED, Optional.empty()));
        assertThat(plan.connections()).isEqualTo(1);
        assertThatThrownBy(() -> plan.complete(first, handshook(tap(ID_SID, Optional.empty(), false))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFirstHandshakeThatFailedSettlesNothing() {
        SessionResumptionPlan plan = new SessionResumptionPlan(0, HELLO);
        plan.complete(plan.ready().get(0), new ConnectionOutcome.NoReply(Failure.of(FailureKind.READ_TIMEOUT,
                "silent"), Timings.NONE));
        Part part = plan.part().orElseThrow();
        assertThat(part.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(part.byId()).isEqualTo(Resumption.UNKNOWN);
        assertThat(new SessionResumptionCheck().findings(part, null)).isEmpty();
    }

    @Test
    void aServerHelloNotReadInClearSettlesNothing() {
        SessionResumptionPlan plan = new SessionResumptionPlan(0, HELLO);
        plan.complete(plan.ready().get(0), handshook(new RealHandshake.Tap(Optional.empty(), Optional.empty(),
                false)));
        assertThat(plan.ready()).isEmpty();
        assertThat(plan.part().orElseThrow().judgement()).isEqualTo(Judgement.inconclusive("the handshake completed,"
                + " but its ServerHello could not be read in clear"));
    }

    @Test
    void aLifetimeHintOverSevenDaysIsALowFinding() {
        RealHandshake h = new RealHandshake("jdk", ProtocolVersion.TLSv1_2, CipherSuite.of(0xC030), false,
                Optional.empty(), Optional.empty(), Optional.empty());
        SessionResumptionCheck check = new SessionResumptionCheck();
        Part week = SessionResumptionCheck.judge(h, Resumption.RESUMED, Resumption.RESUMED, Optional.of(604_800L));
        assertThat(check.findings(week, null)).isEmpty();
        Part longer = SessionResumptionCheck.judge(h, Resumption.RESUMED, Resumption.RESUMED, Optional.of(604_801L));
        assertThat(longer.judgement()).isEqualTo(Judgement.notVulnerable("TLSv1.2 (jdk): by session id resumed, by"
                + " ticket resumed, ticket lifetime hint 604801 s, over 7 days"));
        assertThat(check.findings(longer, null)).singleElement().satisfies(f -> {
            assertThat(f.kind().severity()).isEqualTo(io.tlsweep.result.Severity.LOW);
            assertThat(f.detail()).isEqualTo("ticket lifetime hint 604801 s, over the 604800 s (7 days) of RFC 8446"
                    + " §4.6.1");
        });
        Part unspecified = SessionResumptionCheck.judge(h, Resumption.FULL_HANDSHAKE, Resumption.RESUMED,
                Optional.of(0L));
        assertThat(unspecified.judgement().reason()).endsWith("ticket lifetime hint unspecified");
    }

    @Test
    void itsPartRoundTripsThroughItsJsonAndBadFieldsAreRefused() {
        PartJson<Part> json = new SessionResumptionCheck().json().orElseThrow();
        List<Part> parts = List.of(
                new Part(Judgement.notVulnerable("resumes"), Optional.of(ProtocolVersion.TLSv1_2), Resumption.RESUMED,
                        Resumption.FULL_HANDSHAKE, Optional.of(7200L)),
                new Part(Judgement.notApplicable("TLS 1.3 only"), Optional.empty(), Resumption.UNKNOWN,
                        Resumption.UNKNOWN, Optional.empty()),
                new Part(Judgement.inconclusive("lost"), Optional.of(ProtocolVersion.TLSv1_0), Resumption.NO_ANSWER,
                        Resumption.REFUSED, Optional.of(0xFFFFFFFFL)));
        for (Part p : parts) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.write(parts.get(0)).toString()).isEqualTo("{\"result\":\"not-vulnerable\",\"reason\":"
                + "\"resumes\",\"version\":\"TLSv1.2\",\"by-id\":\"resumed\",\"by-ticket\":\"full-handshake\","
                + "\"ticket-lifetime-hint\":7200}");
        ObjectNode bad = json.write(parts.get(0));
        bad.put("by-id", "maybe");
        assertThatThrownBy(() -> json.read(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
                "session-resumption: 'by-id'");
        ObjectNode negative = json.write(parts.get(0));
        negative.put("ticket-lifetime-hint", -1);
        assertThatThrownBy(() -> json.read(negative)).isInstanceOf(IllegalArgumentException.class);
        ObjectNode missing = json.write(parts.get(0));
        missing.remove("by-ticket");
        assertThatThrownBy(() -> json.read(missing)).isInstanceOf(IllegalArgumentException.class);
    }
}
