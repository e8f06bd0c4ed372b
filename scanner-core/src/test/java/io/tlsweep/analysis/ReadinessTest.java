package io.tlsweep.analysis;

import static io.tlsweep.analysis.ResultBuilder.failed;
import static io.tlsweep.analysis.ResultBuilder.result;
import static io.tlsweep.wire.ProtocolVersion.SSLv3;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.Failure;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per verdict rule, then precedence, boundaries and the reason strings. */
class ReadinessTest {
    static final int ECDHE_AES128_GCM = 0xC02F;
    static final int ECDHE_AES128_CBC = 0xC013;
    static final int RSA_AES128_GCM = 0x009C;
    static final int RSA_3DES = 0x000A;
    static final int RSA_RC4_SHA = 0x0005;
    static final int TLS13_AES128_GCM = 0x1301;

    /** "The message received was unexpected or badly formatted." (handshake_failure from the server). */
    static final String ILLEGAL_MESSAGE = "0x80090326";
    /** "... do not possess a common algorithm." (insufficient_security). */
    static final String ALGORITHM_MISMATCH = "0x80090331";

    // --- breaks-without-legacy -------------------------------------------------------------------

    @Test
    void bestVersionBelowTls12BreaksWithoutLegacy() {
        Assessment a = assess(result().accepts(TLSv1_0, ECDHE_AES128_CBC).accepts(TLSv1_1, ECDHE_AES128_CBC));
        assertThat(a.verdict()).isEqualTo(Verdict.BREAKS_WITHOUT_LEGACY);
        assertThat(a.reason()).contains("TLSv1.1");
    }

    @Test
    void sslv3OnlyBreaksWithoutLegacy() {
        assertThat(assess(result().accepts(SSLv3, RSA_3DES)).verdict()).isEqualTo(Verdict.BREAKS_WITHOUT_LEGACY);
    }

    // --- no-common-algorithm-risk ----------------------------------------------------------------

    @Test
    void tls12OnlyWith3desIsANoCommonAlgorithmRisk() {
        Assessment a = assess(result().accepts(TLSv1_2, RSA_3DES));
        assertThat(a.verdict()).isEqualTo(Verdict.NO_COMMON_ALGORITHM_RISK);
        assertThat(a.reason()).contains("TLSv1.2", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "3DES")
                .as("without client profiles the reason claims no client's failure").doesNotContain(ILLEGAL_MESSAGE,
                        ALGORITHM_MISMATCH, "fail");
    }

    @Test
    void tls12WithOnly3desAndRc4NamesBothSuitesAndBothClasses() {
        Assessment a = assess(result().accepts(TLSv1_2, RSA_3DES, RSA_RC4_SHA));
        assertThat(a.verdict()).isEqualTo(Verdict.NO_COMMON_ALGORITHM_RISK);
        assertThat(a.reason()).contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA", "3DES", "RC4");
    }

    static Stream<CipherSuite> legacyOnlySuitesUsableInTls12() {
        return CipherSuites.all().stream().filter(s -> s.usableIn(TLSv1_2)).filter(Findings::legacyOnly);
    }

    @ParameterizedTest
    @MethodSource("legacyOnlySuitesUsableInTls12")
    void everyLegacyOnlySuiteAloneInTls12IsANoCommonAlgorithmRisk(CipherSuite suite) {
        Assessment a = assess(result().accepts(TLSv1_2, suite.code()));
        assertThat(a.verdict()).isEqualTo(Verdict.NO_COMMON_ALGORITHM_RISK);
        assertThat(a.reason()).contains(suite.ianaName(), "no suite without a legacy weakness");
        assertOneLine(a);
    }

    @ParameterizedTest
    @MethodSource("legacyOnlySuitesUsableInTls12")
    void everyLegacyOnlySuiteBesideAStrongOneIsNotANoCommonAlgorithmRisk(CipherSuite suite) {
        assertThat(assess(result().accepts(TLSv1_2, ECDHE_AES128_GCM, suite.code())).verdict())
                .isEqualTo(Verdict.READY);
    }

    @Test
    void tls12RsaAesGcmWithoutForwardSecrecyIsStillOfferedByModernClients() {
        assertThat(assess(result().accepts(TLSv1_2, RSA_AES128_GCM)).verdict()).isEqualTo(Verdict.READY);
    }

    // --- legacy-enabled --------------------------------------------------------------------------

    @Test
    void tls12WithTls10StillAcceptedIsLegacyEnabled() {
        Assessment a = assess(result().accepts(TLSv1_0, ECDHE_AES128_CBC).accepts(TLSv1_2, ECDHE_AES128_GCM));
        assertThat(a.verdict()).isEqualTo(Verdict.LEGACY_ENABLED);
        assertThat(a.reason()).contains("TLSv1.0").doesNotContain("TLSv1.2 ");
    }

    @Test
    void everyLegacyVersionIsNamed() {
        Assessment a = assess(result().accepts(SSLv3, ECDHE_AES128_CBC).accepts(TLSv1_0, ECDHE_AES128_CBC)
                .accepts(TLSv1_1, ECDHE_AES128_CBC).accepts(TLSv1_2, ECDHE_AES128_GCM));
        assertThat(a.verdict()).isEqualTo(Verdict.LEGACY_ENABLED);
        assertThat(a.reason()).contains("SSLv3", "TLSv1.0", "TLSv1.1");
    }

    @Test
    void tls11AloneBesideTls13IsLegacyEnabled() {
        assertThat(assess(result().accepts(TLSv1_1, ECDHE_AES128_CBC).accepts(TLSv1_3, TLS13_AES128_GCM))
                .verdict()).isEqualTo(Verdict.LEGACY_ENABLED);
    }

    // --- ready -----------------------------------------------------------------------------------

    @Test
    void tls12And13WithModernSuitesIsReady() {
        Assessment a = assess(result().accepts(TLSv1_2, ECDHE_AES128_GCM, ECDHE_AES128_CBC)
                .accepts(TLSv1_3, TLS13_AES128_GCM));
        assertThat(a.verdict()).isEqualTo(Verdict.READY);
        assertThat(a.reason()).contains("TLSv1.2", "TLSv1.3");
    }

    @Test
    void tls13OnlyIsReady() {
        Assessment a = assess(result().accepts(TLSv1_3, TLS13_AES128_GCM));
        assertThat(a.verdict()).isEqualTo(Verdict.READY);
        assertThat(a.reason()).contains("TLSv1.3");
    }

    @Test
    void oneStrongSuiteBesideRc4IsReadyWithAnRc4Finding() {
        Assessment a = assess(result().accepts(TLSv1_2, ECDHE_AES128_GCM, RSA_RC4_SHA));
        assertThat(a.verdict()).isEqualTo(Verdict.READY);
        assertThat(a.findings()).extracting(Finding::kind).contains(FindingKind.RC4);
    }

    @Test
    void oneStrongSuiteBesideRc4WithTls10IsLegacyEnabledWithAnRc4Finding() {
        Assessment a = assess(result().accepts(TLSv1_0, RSA_RC4_SHA)
                .accepts(TLSv1_2, ECDHE_AES128_GCM, RSA_RC4_SHA));
        assertThat(a.verdict()).isEqualTo(Verdict.LEGACY_ENABLED);
        assertThat(a.findings()).extracting(Finding::kind).contains(FindingKind.RC4);
    }

    // --- precedence ------------------------------------------------------------------------------

    @Test
    void breaksBeatsNoCommonAlgorithm() {
        assertThat(assess(result().accepts(TLSv1_0, RSA_3DES).accepts(TLSv1_1, RSA_3DES)).verdict())
                .isEqualTo(Verdict.BREAKS_WITHOUT_LEGACY);
    }

    @Test
    void noCommonAlgorithmBeatsLegacyEnabled() {
        Assessment a = assess(result().accepts(TLSv1_0, ECDHE_AES128_CBC, RSA_3DES).accepts(TLSv1_2, RSA_3DES));
        assertThat(a.verdict()).isEqualTo(Verdict.NO_COMMON_ALGORITHM_RISK);
        assertThat(a.reason()).contains("TLSv1.2", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    }

    @Test
    void legacyEnabledBeatsReady() {
        assertThat(assess(result().accepts(TLSv1_0, ECDHE_AES128_CBC).accepts(TLSv1_3, TLS13_AES128_GCM))
                .verdict()).isEqualTo(Verdict.LEGACY_ENABLED);
    }

    // --- unreachable and not-tls -----------------------------------------------------------------

    @Test
    void connectRefusedIsUnreachableWithTheWinsockCode() {
        Assessment a = assess(failed(ScanStatus.UNREACHABLE, Failure.of(FailureKind.CONNECT_REFUSED,
                "connection refused")));
        assertThat(a.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(a.reason()).contains("connect-refused", "10061");
    }

    @Test
    void silenceIsUnreachableWithTheTimeoutCode() {
        Assessment a = assess(failed(ScanStatus.UNREACHABLE, Failure.of(FailureKind.READ_TIMEOUT, "no answer")));
        assertThat(a.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(a.reason()).contains("read-timeout", "10060");
    }

    @Test
    void resetIsUnreachableWithForciblyClosed() {
        Assessment a = assess(failed(ScanStatus.UNREACHABLE, Failure.of(FailureKind.RESET_BEFORE_REPLY, "RST")));
        assertThat(a.reason()).contains("reset-before-reply", "10054", "forcibly closed");
    }

    @Test
    void aTlsServerThatRejectedEverythingIsUnreachable() {
        Assessment a = assess(failed(ScanStatus.REJECTED,
                Failure.alert(AlertDescription.HANDSHAKE_FAILURE, "fatal alert handshake_failure")));
        assertThat(a.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(a.reason()).contains("accepted none", "handshake_failure", ILLEGAL_MESSAGE);
    }

    @Test
    void aGarbledReplyIsNotCalledARefusal() {
        Assessment a = assess(failed(ScanStatus.REJECTED,
                Failure.of(FailureKind.MALFORMED_REPLY, "record length 0 in a handshake record")));
        assertThat(a.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(a.reason()).contains("not with well-formed TLS", "malformed-reply: record length 0")
                .doesNotContain("accepted none");
        Assessment odd = assess(failed(ScanStatus.REJECTED,
                Failure.of(FailureKind.UNOFFERED_CHOICE, "chose 0x1301, never offered")));
        assertThat(odd.reason()).contains("never offered", "unoffered-choice").doesNotContain("accepted none");
    }

    @Test
    void insufficientSecurityRejectionShowsTheCommonAlgorithmMessage() {
        Assessment a = assess(failed(ScanStatus.REJECTED,
                Failure.alert(AlertDescription.INSUFFICIENT_SECURITY, "fatal alert insufficient_security")));
        assertThat(a.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(a.reason()).contains(ALGORITHM_MISMATCH, "common algorithm");
    }

    @Test
    void sniRequiredIsUnreachableAndSaysHowToScanAgain() {
        Assessment a = assess(failed(ScanStatus.SNI_REQUIRED,
                Failure.alert(AlertDescription.UNRECOGNIZED_NAME, "fatal alert unrecognized_name")));
        assertThat(a.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(a.reason()).contains("SNI", "sni=", ILLEGAL_MESSAGE);
        assertThat(a.findings()).extracting(Finding::kind).containsExactly(FindingKind.SNI_REQUIRED);
    }

    @Test
    void budgetExceededBeforeAnythingWasAcceptedIsUnreachable() {
        Assessment a = assess(failed(ScanStatus.BUDGET_EXCEEDED,
                Failure.of(FailureKind.BUDGET_EXCEEDED, "60 s budget spent")));
        assertThat(a.verdict()).isEqualTo(Verdict.UNREACHABLE);
        assertThat(a.reason()).contains("budget-exceeded");
    }

    @Test
    void somethingElseAnsweringIsNotTlsWithTheIllegalMessageCode() {
        Assessment a = assess(failed(ScanStatus.NOT_TLS, Failure.of(FailureKind.NOT_TLS, "HTTP: HTTP/1.1 400")));
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_TLS);
        assertThat(a.reason()).contains("not-tls", "HTTP", ILLEGAL_MESSAGE);
    }

    // --- reasons ---------------------------------------------------------------------------------

    @Test
    void aFailureDetailWithLineBreaksStillGivesAOneLineReason() {
        Assessment a = assess(failed(ScanStatus.REJECTED, Failure.of(FailureKind.MALFORMED_REPLY,
                "record too long\r\nsecond line")));
        assertThat(a.reason()).contains("record too long second line");
        assertOneLine(a);
    }

    static Stream<TargetResult> oneOfEach() {
        return Stream.of(
                result().accepts(TLSv1_0, ECDHE_AES128_CBC).build(),
                result().accepts(TLSv1_0, RSA_3DES).accepts(TLSv1_2, RSA_3DES, RSA_RC4_SHA).build(),
                result().accepts(TLSv1_1, ECDHE_AES128_CBC).accepts(TLSv1_2, ECDHE_AES128_GCM).build(),
                result().accepts(TLSv1_2, ECDHE_AES128_GCM).accepts(TLSv1_3, TLS13_AES128_GCM).build(),
                failed(ScanStatus.UNREACHABLE, Failure.of(FailureKind.CONNECT_TIMEOUT, "2000 ms")),
                failed(ScanStatus.NOT_TLS, Failure.of(FailureKind.NOT_TLS, "SSH banner")));
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void everyReasonIsOneNonEmptyLineAndTheFindingsAreThoseOfFindings(TargetResult r) {
        Assessment a = Readiness.assess(r);
        assertOneLine(a);
        assertThat(a.findings()).isEqualTo(Findings.of(r));
    }

    private static Assessment assess(ResultBuilder b) {
        Assessment a = Readiness.assess(b.build());
        assertOneLine(a);
        return a;
    }

    private static Assessment assess(TargetResult r) {
        Assessment a = Readiness.assess(r);
        assertOneLine(a);
        return a;
    }

    private static void assertOneLine(Assessment a) {
        assertThat(a.reason()).isNotBlank().doesNotContain("\n", "\r");
        for (Finding f : a.findings()) {
            assertThat(f.detail()).as(f.kind().label()).isNotBlank().doesNotContain("\n", "\r");
        }
    }
}
