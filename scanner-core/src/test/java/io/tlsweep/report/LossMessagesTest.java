package io.tlsweep.report;

import static io.tlsweep.profile.TestProfiles.profile;
import static io.tlsweep.wire.ProtocolVersion.SSLv3;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.input.Target;
import io.tlsweep.profile.ClientFamily;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One client losing endpoints that fail differently: every report shows each distinct message once with its count,
 * and the "Endpoints that break" row of an endpoint gives the loss tables' message for it.
 */
class LossMessagesTest {
    private static final ClientProfile WIN7 = profile("win7", ClientFamily.SCHANNEL).versions(SSLv3, TLSv1_0)
            .suites(0x002F).build();
    private static final ClientProfile JAVA8 = profile("java8", ClientFamily.JAVA)
            .versions(TLSv1_0, TLSv1_1, TLSv1_2).suites(0x002F).build();
    private static final Failure RESET = Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset");
    private static final Failure LOWER = Failure.of(FailureKind.LOWER_VERSION, "answered TLSv1.0 to a TLSv1.2 hello");
    private static final String RESET_MESSAGE = "10054 An existing connection was forcibly closed by the remote host.";

    /** A TLS 1.0-only server whose TLS 1.2 hello met {@code tls12}. */
    private static ResultJson tls10Only(int port, Failure tls12) {
        Target target = new Target("127.0.0.1:" + port, "127.0.0.1", port, Optional.empty(), true, "test");
        ProtocolSupport tls10 = new ProtocolSupport(TLSv1_0, List.of(CipherSuite.of(0x002F)), PreferenceOrder.UNKNOWN,
                false, List.of(), Optional.empty(), true, Optional.empty());
        TargetResult r = new TargetResult(target, Optional.of("127.0.0.1"), ScanStatus.OK, Optional.empty(),
                List.of(tls10), Map.<ProtocolVersion, Failure>of(TLSv1_2, tls12), List.of(), List.of(), false,
                List.of(), Map.of(), 1, 1);
        ClientImpact impact = ClientImpact.of(r, List.of(WIN7, JAVA8), Optional.empty());
        return ResultJson.of(r, Readiness.assess(r, impact), Optional.empty(), Optional.empty(), List.of(), impact);
    }

    private static final List<ResultJson> LINES = List.of(tls10Only(1001, RESET), tls10Only(1002, LOWER),
            tls10Only(1003, RESET));

    @Test
    void theJsonLineMarksALossAssumedOnlyWhereTheServerShowedNoRefusal() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode reset = json.readTree(json.writeValueAsString(LINES.get(0))).get("legacyOff").get("loses").get(0);
        assertThat(reset.get("after").get("result").asText()).isEqualTo("server-refuses-version");
        assertThat(reset.get("after").get("failure").asText()).startsWith("reset-before-reply");
        assertThat(reset.get("after").has("assumed")).isFalse();
        assertThat(reset.get("message").get("code").asText()).isEqualTo("10054");

        JsonNode lower = json.readTree(json.writeValueAsString(LINES.get(1))).get("legacyOff").get("loses").get(0);
        assertThat(lower.get("after").get("assumed").asBoolean()).isTrue();
        assertThat(lower.get("after").get("failure").asText()).contains("assumed: the server showed no refusal");
        assertThat(lower.get("message").get("code").asText()).isEqualTo("0x80090302");
    }

    @Test
    void theTallyCountsEachDistinctMessageOfAClient() {
        ProfileTally t = HtmlReportTest.tally(LINES).profiles();
        ProfileTally.Column win7 = t.columns().stream().filter(c -> c.id().equals("win7")).findFirst().orElseThrow();
        assertThat(win7.legacyOff().total()).isEqualTo(3);
        assertThat(win7.legacyOffMessages().single()).isFalse();
        assertThat(win7.legacyOffMessages().counts()).containsExactly(
                Map.entry(RESET_MESSAGE, 2L),
                Map.entry("0x80090302 The function requested is not supported (assumed)", 1L));
    }

    @Test
    void theHtmlLossTableShowsEachMessageWithItsCountAndTheBreakingRowsTheSameWords() {
        String html = HtmlReport.render(HtmlReportTest.tally(LINES), Latency.none(), Hostile.RUN);
        String cell = between(html, "id=\"legacy-off-message-win7\">", "</td>");
        assertThat(cell).isEqualTo(RESET_MESSAGE + " (2 endpoints); 0x80090302 The function requested is not"
                + " supported (assumed) (1 endpoint)");
        String breaking = between(html, "id=\"breaking\"", "</table>");
        assertThat(breaking).contains(RESET_MESSAGE + ": win7 (test)")
                .contains("0x80090302 The function requested is not supported (assumed): win7 (test)")
                .as("no timeout predicted for a server that refuses").doesNotContain("10060")
                .doesNotContain("expected, not observed");
    }

    @Test
    void theTextReportListsEachMessageOfAClientOnItsOwnLineWithItsCount() {
        StringWriter out = new StringWriter();
        TextReport.print(new PrintWriter(out), LINES);
        String text = out.toString();
        assertThat(text).contains("      2 endpoint(s): " + RESET_MESSAGE)
                .contains("      1 endpoint(s): 0x80090302 The function requested is not supported (assumed)")
                .doesNotContain("10060");
    }

    private static String between(String s, String from, String to) {
        int start = s.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        int end = s.indexOf(to, start + from.length());
        return s.substring(start + from.length(), end);
    }
}
