package io.tlsweep.check;

import static io.tlsweep.prelude.rdp.SecurityProtocol.HYBRID;
import static io.tlsweep.prelude.rdp.SecurityProtocol.HYBRID_EX;
import static io.tlsweep.prelude.rdp.SecurityProtocol.RDSTLS;
import static io.tlsweep.prelude.rdp.SecurityProtocol.SSL;
import static io.tlsweep.prelude.rdp.SecurityProtocol.STANDARD_RDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Evidence;
import io.tlsweep.analysis.FindingKinds;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.check.RdpAcceptsCheck.Answer;
import io.tlsweep.check.RdpAcceptsCheck.Part;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.prelude.PreludeFeed;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.rdp.RdpFacts;
import io.tlsweep.prelude.rdp.RdpPrelude;
import io.tlsweep.prelude.rdp.SecurityProtocol;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.TargetResult;
import io.tlsweep.result.Timings;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.Vectors;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The security protocols an RDP server accepts: the check's fold on the Connection Confirms xrdp sent to each of
 * its requests (vectors/prelude, captured by capture-rdp-mssql.py from xrdp with security_layer=tls and =rdp), fed
 * through the RDP codec whole, in pieces and byte by byte; its JSON part; and the whole run against a scripted
 * server that requires NLA, through the engine with the built-in checks.
 */
class RdpAcceptsCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PartJson<Part> PART_JSON = new RdpAcceptsCheck().json().orElseThrow();

    /** The captured file of xrdp's answer, with security_layer {@code layer}, to the request for {@code asked}. */
    private static String vector(String layer, SecurityProtocol asked) {
        String set = switch (asked) {
            case STANDARD_RDP -> "standard-only";
            case SSL -> "ssl-alone";
            case HYBRID -> "hybrid-alone";
            case HYBRID_EX -> "hybrid-hybridex";
            case RDSTLS -> "rdstls-alone";
            case RDSAAD -> throw new IllegalArgumentException("not asked");
        };
        return "rdp-xrdp-" + layer + "-" + set;
    }

    /** The outcome of a question whose prelude got {@code server}'s bytes, as the engine gives it. */
    private static ConnectionOutcome outcome(SecurityProtocol asked, byte[] server) {
        PreludeStep last = PreludeFeed.same(RdpPrelude.requesting(RdpAcceptsCheck.requested(asked)), server).last();
        if (last instanceof PreludeStep.Failed f) {
            return new ConnectionOutcome.NoReply(f.facts(), f.failure(), Timings.NONE);
        }
        return new ConnectionOutcome.PreludeAnswered(((PreludeStep.TlsMayStart) last).facts(), Timings.NONE);
    }

    private static Part fold(String layer) {
        List<Answer> answers = new ArrayList<>();
        for (SecurityProtocol asked : RdpAcceptsCheck.ASKED) {
            answers.add(RdpAcceptsCheck.answer(asked, outcome(asked, Vectors.load("prelude/" + vector(layer, asked)
                    + ".server.hex"))));
        }
        return new Part(answers);
    }

    private static Answer accepted(SecurityProtocol asked) {
        return new Answer(asked, Optional.of(true), Optional.of(asked), Optional.empty(), Optional.empty());
    }

    private static Answer refused(SecurityProtocol asked, String code) {
        return new Answer(asked, Optional.of(false), Optional.empty(), Optional.of(code), Optional.empty());
    }

    private static Answer otherSelected(SecurityProtocol asked, SecurityProtocol selected) {
        return new Answer(asked, Optional.of(false), Optional.of(selected), Optional.empty(), Optional.empty());
    }

    @Test
    void eachRequestIsTheConnectionRequestTheCaptureSentXrdp() {
        Map<SecurityProtocol, String> sent = Map.of(STANDARD_RDP, "00", SSL, "01", HYBRID, "02", HYBRID_EX, "0a",
                RDSTLS, "04");
        for (SecurityProtocol asked : RdpAcceptsCheck.ASKED) {
            assertThat(PreludeFeed.feed(RdpPrelude.requesting(RdpAcceptsCheck.requested(asked)), new byte[0], 1)
                    .sent()).as(asked.label()).isEqualTo(Hex.parse("030000130ee000000000000100080" + "0"
                            + sent.get(asked) + "000000"));
        }
    }

    @Test
    void xrdpWithSecurityLayerTlsAcceptsTlsAloneAndRefusesTheRestAsSslRequired() {
        Part part = fold("tls");

        assertThat(part.answers()).containsExactly(refused(STANDARD_RDP, "SSL_REQUIRED_BY_SERVER"), accepted(SSL),
                refused(HYBRID, "SSL_REQUIRED_BY_SERVER"), refused(HYBRID_EX, "SSL_REQUIRED_BY_SERVER"),
                refused(RDSTLS, "SSL_REQUIRED_BY_SERVER"));
        assertThat(part.accepted()).containsExactly(SSL);
        assertThat(PART_JSON.summary(part)).isEqualTo("accepts ssl; refuses standard-rdp (SSL_REQUIRED_BY_SERVER),"
                + " hybrid (SSL_REQUIRED_BY_SERVER), hybrid-ex (SSL_REQUIRED_BY_SERVER), rdstls"
                + " (SSL_REQUIRED_BY_SERVER)");
    }

    @Test
    void xrdpWithSecurityLayerRdpSelectsStandardRdpSecurityWhateverIsAsked() {
        Part part = fold("rdp");

        assertThat(part.answers()).containsExactly(accepted(STANDARD_RDP), otherSelected(SSL, STANDARD_RDP),
                otherSelected(HYBRID, STANDARD_RDP), otherSelected(HYBRID_EX, STANDARD_RDP),
                otherSelected(RDSTLS, STANDARD_RDP));
        assertThat(part.accepted()).containsExactly(STANDARD_RDP);
        assertThat(PART_JSON.summary(part)).isEqualTo("accepts standard-rdp; refuses ssl (selected standard-rdp),"
                + " hybrid (selected standard-rdp), hybrid-ex (selected standard-rdp), rdstls (selected standard-rdp)");
    }

    @Test
    void aConfirmWithoutNegotiationIsStandardRdpAcceptedAndNoConfirmIsNoAnswer() {
        byte[] old = Hex.parse("0300000b06d00000123400");
        assertThat(RdpAcceptsCheck.answer(STANDARD_RDP, outcome(STANDARD_RDP, old))).isEqualTo(new Answer(
                STANDARD_RDP, Optional.of(true), Optional.of(STANDARD_RDP), Optional.empty(), Optional.empty()));
        assertThat(RdpAcceptsCheck.answer(SSL, outcome(SSL, old))).isEqualTo(otherSelected(SSL, STANDARD_RDP));

        byte[] turnedAway = Vectors.load("prelude/rdp-xrdp-tls-all-four.server.hex");
        Answer away = RdpAcceptsCheck.answer(RDSTLS, outcome(RDSTLS, turnedAway));
        assertThat(away.accepted()).isEmpty();
        assertThat(away.failure()).hasValueSatisfying(f -> assertThat(f).contains("prelude-unexpected")
                .contains("Disconnect Provider Ultimatum"));

        Answer reset = RdpAcceptsCheck.answer(SSL, new ConnectionOutcome.NoReply(Optional.of(new RdpFacts(
                RdpAcceptsCheck.requested(SSL), Optional.empty())), Failure.of(FailureKind.RESET_BEFORE_REPLY,
                "connection reset"), Timings.NONE));
        assertThat(reset.accepted()).isEmpty();
        assertThat(PART_JSON.summary(new Part(List.of(accepted(SSL), reset)))).startsWith("accepts ssl; no answer to"
                + " ssl (no Connection Confirm: reset-before-reply");
    }

    private static List<Finding> findings(Answer... answers) {
        return new RdpAcceptsCheck().findings(new Part(List.of(answers)), null);
    }

    /** xrdp's security_layer=tls accepts TLS alone: no session without TLS, but none with CredSSP either. */
    @Test
    void xrdpWithTlsDoesNotRequireNlaAndHasNoStandardSecurity() {
        assertThat(new RdpAcceptsCheck().findings(fold("tls"), null)).containsExactly(new Finding(
                RdpAcceptsCheck.NLA_NOT_REQUIRED, "ssl accepted (TLS without CredSSP); CredSSP not accepted at all"));
    }

    /** Standard RDP security alone is the prelude's service-without-tls: the check does not find it twice. */
    @Test
    void standardSecurityAloneIsNoFindingOfTheCheck() {
        assertThat(new RdpAcceptsCheck().findings(fold("rdp"), null)).isEmpty();
        assertThat(findings(accepted(STANDARD_RDP), new Answer(SSL, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("reset-before-reply")))).as("TLS not seen accepted").isEmpty();
    }

    /** As xrdp's security_layer=negotiate answers (captured by hand): standard RDP for all but ssl. */
    @Test
    void aServerGivingStandardSecurityBesideTlsHasBothFindings() {
        assertThat(findings(accepted(STANDARD_RDP), accepted(SSL), otherSelected(HYBRID, STANDARD_RDP),
                otherSelected(HYBRID_EX, STANDARD_RDP), otherSelected(RDSTLS, STANDARD_RDP))).containsExactly(
                new Finding(RdpAcceptsCheck.STANDARD_SECURITY_ACCEPTED, "accepts standard-rdp beside ssl; selects it"
                        + " when asked for hybrid, hybrid-ex, rdstls"),
                new Finding(RdpAcceptsCheck.NLA_NOT_REQUIRED, "ssl accepted (TLS without CredSSP); CredSSP not"
                        + " accepted at all"));
    }

    /** Windows with the security layer Negotiate and NLA not required accepts all but RDSTLS. */
    @Test
    void credSspOfferedButNotRequiredIsStillNlaNotRequired() {
        assertThat(findings(accepted(STANDARD_RDP), accepted(SSL), accepted(HYBRID), accepted(HYBRID_EX),
                refused(RDSTLS, "0x00000099"))).containsExactly(
                new Finding(RdpAcceptsCheck.STANDARD_SECURITY_ACCEPTED, "accepts standard-rdp beside ssl, hybrid,"
                        + " hybrid-ex"),
                new Finding(RdpAcceptsCheck.NLA_NOT_REQUIRED, "ssl accepted (TLS without CredSSP); hybrid, hybrid-ex"
                        + " accepted too, not required"));
        assertThat(findings(refused(STANDARD_RDP, "SSL_REQUIRED_BY_SERVER"), refused(SSL, "HYBRID_REQUIRED_BY_SERVER"),
                otherSelected(HYBRID, STANDARD_RDP), accepted(HYBRID_EX))).containsExactly(new Finding(
                        RdpAcceptsCheck.STANDARD_SECURITY_ACCEPTED, "selects standard-rdp when asked for hybrid,"
                        + " beside accepting hybrid-ex"));
    }

    @Test
    void aServerRequiringNlaHasNoFindingAndBothKindsAreInTheTaxonomy() {
        assertThat(findings(refused(STANDARD_RDP, "HYBRID_REQUIRED_BY_SERVER"), refused(SSL,
                "HYBRID_REQUIRED_BY_SERVER"), accepted(HYBRID), accepted(HYBRID_EX), refused(RDSTLS,
                "HYBRID_REQUIRED_BY_SERVER"))).isEmpty();
        assertThat(FindingKinds.all(Checks.BUILT_IN)).contains(RdpAcceptsCheck.STANDARD_SECURITY_ACCEPTED,
                RdpAcceptsCheck.NLA_NOT_REQUIRED);
    }

    @Test
    void itsPartRoundTripsThroughItsJson() throws Exception {
        Part part = new Part(List.of(refused(STANDARD_RDP, "HYBRID_REQUIRED_BY_SERVER"),
                refused(SSL, "0x00000099"), accepted(HYBRID), otherSelected(HYBRID_EX, HYBRID),
                new Answer(RDSTLS, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("reset"))));
        String written = PART_JSON.write(part).toString();
        assertThat(written).startsWith("{\"standard-rdp\":{\"accepted\":false,\"negotiation-failure\":"
                + "\"HYBRID_REQUIRED_BY_SERVER\"},\"ssl\":");
        assertThat(PART_JSON.read(JSON.readTree(written))).isEqualTo(part);
        assertThatThrownBy(() -> PART_JSON.read(JSON.readTree("{\"tls\":{\"accepted\":true}}")))
                .hasMessageContaining("'tls' is not an RDP security protocol");
        assertThatThrownBy(() -> PART_JSON.read(JSON.readTree("{\"ssl\":{\"accepted\":\"yes\"}}")))
                .hasMessageContaining("'ssl' is not an answer");
    }

    /**
     * The built-in checks against a server that requires NLA: five more connections, each said its own request
     * through the engine (a refusal does not end the endpoint) and closed after the Connection Confirm, the part
     * says exactly what the server accepts, and the line's prelude facts are those of the scan's own request.
     */
    @Test
    void registeredItAsksEachProtocolOfAServerThatRequiresNla() throws Exception {
        TargetResult r;
        TargetResult closed;
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (NlaRdpServer server = NlaRdpServer.start()) {
            EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(2))
                    .readTimeout(Duration.ofSeconds(3)).targetBudget(Duration.ofSeconds(60)).maxInFlight(8)
                    .perHostConnections(2).build();
            Map<String, TargetResult> results = new java.util.concurrent.ConcurrentHashMap<>();
            try (TlsScanner scanner = new TlsScanner(config, ScanOptions.full(), List.of(), false, Checks.BUILT_IN)) {
                scanner.scan(List.of(rdp(server.port(), "nla"), rdp(closedPort, "closed")).iterator(),
                        t -> results.put(t.target().origin(), t)).join();
            }
            r = results.get("nla");
            closed = results.get("closed");
            assertThat(server.requests()).as("every connection said its Connection Request").isEqualTo(
                    r.connections());
            assertThat(server.hellosAfter(0x02) + server.hellosAfter(0x0a)).as("the check's connections end with"
                    + " the Connection Confirm, before any TLS byte").isZero();
            assertThat(server.hellosAfter(0x0b)).as("the scan's own go on to TLS").isPositive();
        }

        Part part = r.checks().get(RdpAcceptsCheck.KEY).orElseThrow();
        assertThat(part.answers()).containsExactly(refused(STANDARD_RDP, "HYBRID_REQUIRED_BY_SERVER"),
                refused(SSL, "HYBRID_REQUIRED_BY_SERVER"), accepted(HYBRID), accepted(HYBRID_EX),
                refused(RDSTLS, "HYBRID_REQUIRED_BY_SERVER"));
        assertThat(r.checks().entries()).filteredOn(e -> e.key().equals(RdpAcceptsCheck.KEY)).singleElement()
                .extracting(e -> e.connections()).isEqualTo(5);
        assertThat(r.prelude().orElseThrow().fields()).containsEntry("requested-protocols",
                List.of("ssl", "hybrid", "hybrid-ex")).containsEntry("selected-protocol", "hybrid-ex");
        assertThat(r.protocols()).as("the scan went on after the refusals").isNotEmpty();
        assertThat(Readiness.assess(Evidence.of(r, List.of(), false, ChainPolicy.of(TrustAnchors.of("none",
                List.of())), Instant.now(), ClientImpact.none(), Checks.BUILT_IN)).findings())
                .as("NLA required, no standard RDP security").extracting(Finding::kind)
                .doesNotContain(RdpAcceptsCheck.STANDARD_SECURITY_ACCEPTED, RdpAcceptsCheck.NLA_NOT_REQUIRED,
                        FindingKind.SERVICE_WITHOUT_TLS);

        assertThat(closed.checks().get(RdpAcceptsCheck.KEY)).as("nothing listens: no part").isEmpty();
        assertThat(closed.failure().orElseThrow().kind()).isEqualTo(FailureKind.CONNECT_REFUSED);
    }

    private static Target rdp(int port, String origin) {
        return new Target("127.0.0.1:" + port, "127.0.0.1", port, Optional.empty(), true, origin)
                .withPrelude(Optional.of(RdpPrelude.PROTOCOL));
    }

    /** The first question alone, the others only once it was answered; no part when it was not. */
    @Test
    void theOtherQuestionsWaitForTheFirstAnswer() {
        ConnectionOutcome refused = new ConnectionOutcome.NoReply(Failure.of(FailureKind.CONNECT_REFUSED,
                "connection refused"), Timings.NONE);
        ConnectionOutcome silent = new ConnectionOutcome.NoReply(Failure.of(FailureKind.PRELUDE_TIMEOUT,
                "no answer in the rdp prelude"), Timings.NONE);
        ConnectionOutcome turnedAway = outcome(STANDARD_RDP, Vectors.load("prelude/rdp-xrdp-tls-all-four.server.hex"));
        assertThat(Questions.answered(refused)).isFalse();
        assertThat(Questions.answered(silent)).isFalse();
        assertThat(Questions.answered(turnedAway)).as("an X.224 Data is an answer").isTrue();
        assertThat(Questions.answered(outcome(SSL, Vectors.load("prelude/rdp-xrdp-tls-ssl-alone.server.hex"))))
                .isTrue();
    }
}
