package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.FallbackScsvCheck.Part;
import io.tlsweep.engine.Replay;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS_FALLBACK_SCSV's decision on captured bytes: OpenSSL 3.0 and GnuTLS 3.7 (TLS 1.2 and 1.3) answer a TLS 1.2
 * hello with the SCSV with inappropriate_fallback; a TLS 1.2 ServerHello (a real one, OpenSSL's) from a server
 * whose best is TLS 1.3 is the fallback ignored; fed whole, in pieces and byte by byte, cut short and changed.
 */
class FallbackScsvCheckTest {
    private static final ProbeStep STEP = new ProbeStep(1, "fallback", HelloTemplates.upTo(ProtocolVersion.TLSv1_2,
            ProtocolVersion.TLSv1_2, List.of(CipherSuite.of(0xC02F), CipherSuite.TLS_FALLBACK_SCSV),
            Optional.empty()));

    private static Part judge(ProtocolVersion best, byte[] server, Replay.Split split, Replay.End end) {
        return FallbackScsvCheck.judge(best, ProtocolVersion.TLSv1_2, Replay.of(STEP, server, split, end).outcome());
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void realStacksRefuseTheFallbackWithInappropriateFallback(Replay.Split split) {
        for (String scenario : List.of("fallback-openssl", "fallback-gnutls")) {
            Part part = judge(ProtocolVersion.TLSv1_3, FlawVectors.load(scenario), split, Replay.End.CLOSE);
            assertThat(part).as(scenario).isEqualTo(new Part(Judgement.notVulnerable("a TLSv1.2 hello with"
                    + " TLS_FALLBACK_SCSV got a fatal inappropriate_fallback alert (TLSv1.3 is accepted)"),
                    ProtocolVersion.TLSv1_3, Optional.of(ProtocolVersion.TLSv1_2), Optional.empty(),
                    Optional.of(AlertDescription.of(86)), false));
            assertThat(new FallbackScsvCheck().findings(part, null)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void aServerHelloBelowTheBestVersionIsTheFallbackIgnored(Replay.Split split) {
        byte[] flight = FlawVectors.flight(FlawVectors.load("early-ccs-openssl"));
        Part part = judge(ProtocolVersion.TLSv1_3, flight, split, Replay.End.CLOSE);
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("a TLSv1.2 hello with TLS_FALLBACK_SCSV got a"
                + " TLSv1.2 ServerHello though TLSv1.3 is accepted: the fallback is not refused"));
        assertThat(part.negotiated()).contains(ProtocolVersion.TLSv1_2);
        assertThat(new FallbackScsvCheck().findings(part, null)).singleElement()
                .satisfies(f -> assertThat(f.kind()).isSameAs(FallbackScsvCheck.FALLBACK_IGNORED));
        Part cutFlight = judge(ProtocolVersion.TLSv1_3, Arrays.copyOf(flight, 200), split, Replay.End.CLOSE);
        assertThat(cutFlight.judgement().vulnerable()).as("the ServerHello alone says it").isTrue();
        Part notBelow = judge(ProtocolVersion.TLSv1_2, flight, split, Replay.End.CLOSE);
        assertThat(notBelow.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
    }

    @ParameterizedTest
    @EnumSource(Replay.Split.class)
    void aServerHelloWithTheDowngradeSentinelHasTheFallbackRefusedByTheClients(Replay.Split split) {
        byte[] sentinel = SentinelServer.serverHello(ProtocolVersion.TLSv1_2, SentinelServer.TLS13_SENTINEL);
        Part part = judge(ProtocolVersion.TLSv1_3, sentinel, split, Replay.End.CLOSE);
        assertThat(part.judgement()).isEqualTo(Judgement.notVulnerable("a TLSv1.2 hello with TLS_FALLBACK_SCSV got a"
                + " TLSv1.2 ServerHello: the SCSV is ignored, but the RFC 8446 downgrade sentinel in it makes clients"
                + " of TLSv1.3 refuse the fallback"));
        assertThat(part.downgradeSentinel()).isTrue();
        byte[] plain = SentinelServer.serverHello(ProtocolVersion.TLSv1_2, new byte[8]);
        assertThat(judge(ProtocolVersion.TLSv1_3, plain, split, Replay.End.CLOSE).judgement().vulnerable()).isTrue();
    }

    @Test
    void otherAnswersSettleNothing() {
        byte[] alert = FlawVectors.load("fallback-gnutls");
        Part handshakeFailure = judge(ProtocolVersion.TLSv1_3, FlawVectors.mutated(alert, -1, 40),
                Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(handshakeFailure.judgement()).isEqualTo(Judgement.inconclusive("a TLSv1.2 hello with"
                + " TLS_FALLBACK_SCSV got a fatal handshake_failure alert, not inappropriate_fallback"));
        assertThat(handshakeFailure.alert()).contains(AlertDescription.HANDSHAKE_FAILURE);
        Part warning = judge(ProtocolVersion.TLSv1_3, FlawVectors.mutated(alert, -2, 1), Replay.Split.BYTE_BY_BYTE,
                Replay.End.CLOSE);
        assertThat(warning.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        Part truncated = judge(ProtocolVersion.TLSv1_3, Arrays.copyOf(alert, 4), Replay.Split.WHOLE, Replay.End.CLOSE);
        assertThat(truncated.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(truncated.judgement().reason()).contains("Malformed");
        Part silent = judge(ProtocolVersion.TLSv1_3, new byte[0], Replay.Split.WHOLE, Replay.End.DEADLINE);
        assertThat(silent.judgement()).isEqualTo(Judgement.inconclusive("no reply to a TLSv1.2 hello with"
                + " TLS_FALLBACK_SCSV (read-timeout)"));
        assertThat(FallbackScsvCheck.judge(ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_1,
                new ConnectionOutcome.Replied(io.tlsweep.wire.ServerResponseDecoder.finish(alert),
                        io.tlsweep.result.Timings.NONE)).offered()).contains(ProtocolVersion.TLSv1_1);
    }

    @Test
    void itsPartRoundTripsThroughItsJsonAndBadFieldsAreRefused() {
        PartJson<Part> json = new FallbackScsvCheck().json().orElseThrow();
        List<Part> parts = List.of(
                new Part(Judgement.vulnerable("ignored"), ProtocolVersion.TLSv1_3, Optional.of(ProtocolVersion.TLSv1_2),
                        Optional.of(ProtocolVersion.TLSv1_2), Optional.empty(), false),
                new Part(Judgement.notVulnerable("refused"), ProtocolVersion.TLSv1_2,
                        Optional.of(ProtocolVersion.TLSv1_0), Optional.empty(), Optional.of(AlertDescription.of(86)),
                        false),
                new Part(Judgement.notApplicable("only TLSv1.3 accepted"), ProtocolVersion.TLSv1_3, Optional.empty(),
                        Optional.empty(), Optional.empty(), false),
                new Part(Judgement.notVulnerable("sentinel"), ProtocolVersion.TLSv1_3,
                        Optional.of(ProtocolVersion.TLSv1_2), Optional.of(ProtocolVersion.TLSv1_2), Optional.empty(),
                        true));
        for (Part p : parts) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.write(parts.get(1)).toString()).isEqualTo("{\"result\":\"not-vulnerable\",\"reason\":"
                + "\"refused\",\"best\":\"TLSv1.2\",\"offered\":\"TLSv1.0\",\"alert\":86}");
        ObjectNode noBest = json.write(parts.get(0));
        noBest.remove("best");
        assertThatThrownBy(() -> json.read(noBest)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'best'");
        assertThat(json.write(parts.get(3)).path("downgrade-sentinel").booleanValue()).isTrue();
        assertThat(json.write(parts.get(0)).has("downgrade-sentinel")).isFalse();
        ObjectNode textSentinel = json.write(parts.get(3)).put("downgrade-sentinel", "yes");
        assertThatThrownBy(() -> json.read(textSentinel)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'downgrade-sentinel'");
        ObjectNode numberVersion = json.write(parts.get(0)).put("negotiated", 771);
        assertThatThrownBy(() -> json.read(numberVersion)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'negotiated'");
    }
}
