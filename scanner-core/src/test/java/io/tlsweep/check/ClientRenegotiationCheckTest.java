package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.ClientRenegotiationCheck.Part;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.result.RealHandshake.RenegotiationOutcome;
import io.tlsweep.result.Severity;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client-initiated renegotiation's decision on scripted outcomes of a real handshake that asked for one (the engine
 * test shows each against real servers): accepted is the flaw; an alert, a close, a reset or silence is not.
 */
class ClientRenegotiationCheckTest {
    private static final ClientRenegotiationCheck CHECK = new ClientRenegotiationCheck();

    private static ConnectionOutcome renegotiated(RealHandshake.Renegotiation r) {
        return new ConnectionOutcome.Handshook(Optional.empty(), new RealHandshake("jdk", ProtocolVersion.TLSv1_2,
                CipherSuite.of(0xC02F), false, Optional.empty(), Optional.of(r), Optional.empty()), Timings.NONE);
    }

    private static RealHandshake.Renegotiation how(RenegotiationOutcome o) {
        return new RealHandshake.Renegotiation(o, o == RenegotiationOutcome.REFUSED_ALERT
                ? Optional.of(AlertDescription.NO_RENEGOTIATION) : Optional.empty(), "the stack said so");
    }

    @Test
    void anAcceptedRenegotiationIsTheFlaw() {
        Part part = ClientRenegotiationCheck.judge(renegotiated(how(RenegotiationOutcome.ACCEPTED)));
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("after a TLSv1.2 handshake, a client-initiated"
                + " renegotiation was accepted: a second handshake completed"));
        assertThat(part.outcome()).contains(RenegotiationOutcome.ACCEPTED);
        assertThat(CHECK.findings(part, null)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isSameAs(ClientRenegotiationCheck.CLIENT_RENEGOTIATION);
            assertThat(f.kind().severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    @ParameterizedTest
    @EnumSource(value = RenegotiationOutcome.class, names = {"REFUSED_ALERT", "CLOSED", "RESET", "NO_ANSWER"})
    void everyRefusalIsNotVulnerableAndSaysHow(RenegotiationOutcome o) {
        Part part = ClientRenegotiationCheck.judge(renegotiated(how(o)));
        assertThat(part.judgement().result()).isEqualTo(Judgement.Result.NOT_VULNERABLE);
        assertThat(part.outcome()).contains(o);
        assertThat(CHECK.findings(part, null)).isEmpty();
        if (o == RenegotiationOutcome.REFUSED_ALERT) {
            assertThat(part.judgement().reason()).isEqualTo("after a TLSv1.2 handshake, a client-initiated"
                    + " renegotiation was refused with a no_renegotiation alert (the stack said so)");
            assertThat(part.alert()).contains(AlertDescription.NO_RENEGOTIATION);
        }
    }

    @Test
    void whatCouldNotBeAskedSettlesNothing() {
        Part notAsked = ClientRenegotiationCheck.judge(renegotiated(how(RenegotiationOutcome.NOT_ASKED)));
        assertThat(notAsked.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        Part noStack = ClientRenegotiationCheck.judge(new ConnectionOutcome.NoReply(Failure.of(
                FailureKind.INTERNAL_ERROR, "no local TLS stack offers what step 7 asks"), Timings.NONE));
        assertThat(noStack.judgement()).isEqualTo(Judgement.inconclusive("the handshake did not complete: the JDK's"
                + " stack, the one here that renegotiates, cannot start it: internal-error: no local TLS stack offers"
                + " what step 7 asks"));
        Part refused = ClientRenegotiationCheck.judge(new ConnectionOutcome.NoReply(Failure.alert(
                AlertDescription.HANDSHAKE_FAILURE, "server sent fatal alert handshake_failure"),
                new Timings(1000, -1, 2000)));
        assertThat(refused.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(refused.outcome()).isEmpty();
        Part asked = ClientRenegotiationCheck.judge(new ConnectionOutcome.Handshook(Optional.empty(),
                new RealHandshake("jdk", ProtocolVersion.TLSv1_2, CipherSuite.of(0xC02F), false, Optional.empty(),
                        Optional.empty(), Optional.empty()), Timings.NONE));
        assertThat(asked.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
    }

    @Test
    void itIsOptInAndSaysWhy() {
        assertThat(CHECK.optional()).isTrue();
        assertThat(CHECK.onByDefault()).isFalse();
        assertThat(CHECK.about()).contains("DoS", "1 connection");
    }

    @Test
    void itsPartRoundTripsThroughItsJsonAndBadFieldsAreRefused() {
        PartJson<Part> json = CHECK.json().orElseThrow();
        List<Part> parts = List.of(
                new Part(Judgement.vulnerable("accepted"), Optional.of(ProtocolVersion.TLSv1_2),
                        Optional.of(RenegotiationOutcome.ACCEPTED), Optional.empty()),
                new Part(Judgement.notVulnerable("refused"), Optional.of(ProtocolVersion.TLSv1_1),
                        Optional.of(RenegotiationOutcome.REFUSED_ALERT),
                        Optional.of(AlertDescription.NO_RENEGOTIATION)),
                new Part(Judgement.notApplicable("TLS 1.3 only"), Optional.empty(), Optional.empty(),
                        Optional.empty()));
        for (Part p : parts) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.write(parts.get(1)).toString()).isEqualTo("{\"result\":\"not-vulnerable\",\"reason\":"
                + "\"refused\",\"version\":\"TLSv1.1\",\"renegotiation\":\"refused-alert\",\"alert\":100}");
        ObjectNode bad = json.write(parts.get(0));
        bad.put("renegotiation", "perhaps");
        assertThatThrownBy(() -> json.read(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
                "client-renegotiation: 'renegotiation'");
    }
}
