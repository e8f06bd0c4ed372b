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
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherMode;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per finding rule, each weakness over every suite of the registry that has it. */
class FindingsTest {
    static final int ECDHE_AES128_GCM = 0xC02F;
    static final int ECDHE_AES128_CBC = 0xC013;
    static final int RSA_AES128_GCM = 0x009C;
    static final int RSA_AES128_CBC = 0x002F;
    static final int DHE_AES128_GCM = 0x009E;
    static final int RSA_RC4_SHA = 0x0005;
    static final int TLS13_AES128_GCM = 0x1301;

    /** The finding each suite weakness must raise (written out here, not taken from the code under test). */
    static final Map<Weakness, FindingKind> FINDING_OF = Map.of(
            Weakness.RC4, FindingKind.RC4, Weakness.TRIPLE_DES, FindingKind.SWEET32,
            Weakness.EXPORT, FindingKind.EXPORT, Weakness.NULL, FindingKind.NULL_CIPHER,
            Weakness.ANONYMOUS, FindingKind.ANONYMOUS, Weakness.DES, FindingKind.DES, Weakness.MD5, FindingKind.MD5);

    // --- weak suites -----------------------------------------------------------------------------

    static Stream<Arguments> everySuiteWithEachWeakness() {
        return CipherSuites.all().stream().flatMap(s -> s.weaknesses().stream()
                .filter(FINDING_OF::containsKey).map(w -> Arguments.of(FINDING_OF.get(w), s)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everySuiteWithEachWeakness")
    void everyAcceptedWeakSuiteRaisesItsFinding(FindingKind kind, CipherSuite suite) {
        ProtocolVersion version = newestUsable(suite);
        List<Finding> findings = Findings.of(result().accepts(version, ECDHE_AES128_CBC, suite.code()).build());
        assertThat(findings).filteredOn(f -> f.kind() == kind).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains(version.displayName(), suite.ianaName())
                        .doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
        assertOneLine(findings);
    }

    @Test
    void weakSuiteFindingsNameEveryVersionConcerned() {
        Finding rc4 = only(FindingKind.RC4, Findings.of(result().accepts(TLSv1_0, RSA_RC4_SHA)
                .accepts(TLSv1_2, ECDHE_AES128_GCM, RSA_RC4_SHA).build()));
        assertThat(rc4.detail()).isEqualTo("TLSv1.0: TLS_RSA_WITH_RC4_128_SHA; TLSv1.2: TLS_RSA_WITH_RC4_128_SHA");
    }

    static Stream<CipherSuite> strongSuites() {
        return CipherSuites.all().stream().filter(s -> s.weaknesses().stream().noneMatch(FINDING_OF::containsKey))
                .filter(s -> s.minVersion().isPresent());
    }

    @ParameterizedTest
    @MethodSource("strongSuites")
    void suitesWithoutThoseWeaknessesRaiseNoSuiteFinding(CipherSuite suite) {
        List<Finding> findings = Findings.of(result().accepts(newestUsable(suite), suite.code()).build());
        assertThat(findings).extracting(Finding::kind).doesNotContainAnyElementsOf(FINDING_OF.values());
    }

    // --- SSLv3 and BEAST -------------------------------------------------------------------------

    @Test
    void sslv3AcceptedIsPoodle() {
        Finding f = only(FindingKind.SSLV3, Findings.of(result().accepts(SSLv3, RSA_AES128_CBC)
                .accepts(TLSv1_2, ECDHE_AES128_GCM).build()));
        assertThat(f.detail()).contains("TLS_RSA_WITH_AES_128_CBC_SHA");
    }

    @Test
    void noSslv3NoPoodle() {
        assertThat(kinds(result().accepts(TLSv1_0, RSA_AES128_CBC).build())).doesNotContain(FindingKind.SSLV3);
    }

    static Stream<CipherSuite> cbcSuitesOfTls10() {
        return CipherSuites.forVersion(TLSv1_0).stream().filter(s -> s.cipherMode() == CipherMode.CBC);
    }

    @ParameterizedTest
    @MethodSource("cbcSuitesOfTls10")
    void everyCbcSuiteWithTls10IsBeast(CipherSuite suite) {
        Finding f = only(FindingKind.BEAST, Findings.of(result().accepts(TLSv1_0, suite.code()).build()));
        assertThat(f.detail()).contains("TLSv1.0", suite.ianaName());
    }

    @Test
    void streamCipherWithTls10IsNotBeast() {
        assertThat(kinds(result().accepts(TLSv1_0, RSA_RC4_SHA).build())).doesNotContain(FindingKind.BEAST);
    }

    @Test
    void cbcWithTls11And12IsNotBeast() {
        assertThat(kinds(result().accepts(TLSv1_1, RSA_AES128_CBC).accepts(TLSv1_2, RSA_AES128_CBC).build()))
                .doesNotContain(FindingKind.BEAST);
    }

    // --- forward secrecy -------------------------------------------------------------------------

    @Test
    void noForwardSecrecyAtAll() {
        Finding f = only(FindingKind.NO_FORWARD_SECRECY,
                Findings.of(result().accepts(TLSv1_2, RSA_AES128_GCM, RSA_AES128_CBC).build()));
        assertThat(f.detail()).contains("no accepted suite");
    }

    @Test
    void serverOrderedBestVersionPreferringANonForwardSecretSuite() {
        Finding f = only(FindingKind.NO_FORWARD_SECRECY,
                Findings.of(result().accepts(TLSv1_2, RSA_AES128_GCM, ECDHE_AES128_GCM).build()));
        assertThat(f.detail()).contains("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void bestVersionWithoutAnyForwardSecretSuiteWhileAnOlderOneHasIt() {
        Finding f = only(FindingKind.NO_FORWARD_SECRECY, Findings.of(result()
                .accepts(TLSv1_0, ECDHE_AES128_CBC).accepts(TLSv1_2, RSA_AES128_GCM).build()));
        assertThat(f.detail()).contains("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void clientOrderedNonForwardSecretFirstIsNotAPreference() {
        assertThat(kinds(result().accepts(TLSv1_2, PreferenceOrder.CLIENT, RSA_AES128_GCM, ECDHE_AES128_GCM)
                .build())).doesNotContain(FindingKind.NO_FORWARD_SECRECY);
    }

    @Test
    void forwardSecretFirstOrTls13IsFine() {
        assertThat(kinds(result().accepts(TLSv1_2, ECDHE_AES128_GCM, RSA_AES128_GCM).build()))
                .doesNotContain(FindingKind.NO_FORWARD_SECRECY);
        assertThat(kinds(result().accepts(TLSv1_2, RSA_AES128_GCM, ECDHE_AES128_GCM)
                .accepts(TLSv1_3, TLS13_AES128_GCM).build())).doesNotContain(FindingKind.NO_FORWARD_SECRECY);
    }

    @Test
    void aBestVersionWhoseSuitesWereNotEnumeratedRaisesNothing() {
        assertThat(Findings.of(result().accepts(TLSv1_2, ECDHE_AES128_GCM).accepts(TLSv1_3).build())).isEmpty();
    }

    // --- client order ----------------------------------------------------------------------------

    @Test
    void clientOrderIsReportedPerVersion() {
        Finding f = only(FindingKind.CLIENT_ORDER, Findings.of(result()
                .accepts(TLSv1_0, PreferenceOrder.CLIENT, ECDHE_AES128_CBC, RSA_AES128_CBC)
                .accepts(TLSv1_2, PreferenceOrder.SERVER, ECDHE_AES128_GCM, ECDHE_AES128_CBC).build()));
        assertThat(f.detail()).isEqualTo("TLSv1.0");
    }

    @Test
    void aSingleSuiteVersionHasNoKnownOrder() {
        assertThat(kinds(result().accepts(TLSv1_2, ECDHE_AES128_GCM).build())).doesNotContain(FindingKind.CLIENT_ORDER);
        assertThat(kinds(result().accepts(TLSv1_2, PreferenceOrder.CLIENT, ECDHE_AES128_GCM).build()))
                .as("one suite cannot show whose order decides").doesNotContain(FindingKind.CLIENT_ORDER);
    }

    // --- SNI and DH ------------------------------------------------------------------------------

    @Test
    void sniRequired() {
        TargetResult r = failed(ScanStatus.SNI_REQUIRED, Failure.alert(AlertDescription.UNRECOGNIZED_NAME,
                "fatal alert unrecognized_name"));
        assertThat(only(FindingKind.SNI_REQUIRED, Findings.of(r)).detail()).contains("unrecognized_name");
    }

    @Test
    void dhPrimeBelow2048IsSmall() {
        Finding f = only(FindingKind.SMALL_DH_GROUP,
                Findings.of(result().acceptsWithDh(TLSv1_2, 1024, DHE_AES128_GCM).build()));
        assertThat(f.detail()).contains("1024", "TLSv1.2");
    }

    @Test
    void dhPrimeOfExactly2048IsNotSmall() {
        assertThat(kinds(result().acceptsWithDh(TLSv1_2, 2048, DHE_AES128_GCM).build()))
                .doesNotContain(FindingKind.SMALL_DH_GROUP);
    }

    // --- nothing to report -----------------------------------------------------------------------

    @Test
    void aModernEndpointHasNoFindingsBesideTheInformationalLucky13ForACbcSuite() {
        assertThat(Findings.of(result().accepts(TLSv1_2, ECDHE_AES128_GCM).accepts(TLSv1_3, TLS13_AES128_GCM)
                .build())).isEmpty();
        assertThat(Findings.of(result().accepts(TLSv1_3, TLS13_AES128_GCM).build())).isEmpty();
        List<Finding> cbc = Findings.of(result().accepts(TLSv1_2, ECDHE_AES128_GCM, ECDHE_AES128_CBC)
                .accepts(TLSv1_3, TLS13_AES128_GCM).build());
        assertThat(cbc).singleElement().satisfies(f -> {
            assertThat(f.kind()).isSameAs(FindingKind.LUCKY13);
            assertThat(f.kind().severity()).isEqualTo(io.tlsweep.result.Severity.INFO);
            assertThat(f.detail()).isEqualTo("TLSv1.2: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        });
    }

    @Test
    void anUnreachableTargetHasNoFindings() {
        assertThat(Findings.of(failed(ScanStatus.UNREACHABLE, Failure.of(
                io.tlsweep.result.FailureKind.CONNECT_REFUSED, "refused")))).isEmpty();
    }

    @Test
    void findingsComeInTheOrderOfTheirKinds() {
        List<Finding> findings = Findings.of(result().accepts(SSLv3, RSA_RC4_SHA, 0x000A)
                .accepts(TLSv1_0, PreferenceOrder.CLIENT, RSA_RC4_SHA, 0x000A).build());
        assertThat(findings).extracting(Finding::kind).containsExactly(FindingKind.RC4, FindingKind.SWEET32,
                FindingKind.SSLV3, FindingKind.BEAST, FindingKind.LUCKY13, FindingKind.NO_FORWARD_SECRECY,
                FindingKind.CLIENT_ORDER);
        assertOneLine(findings);
    }

    /** The newest version a suite can be negotiated in (TLS 1.2 for most, TLS 1.0 for export suites). */
    private static ProtocolVersion newestUsable(CipherSuite suite) {
        return Stream.of(TLSv1_3, TLSv1_2, TLSv1_1, TLSv1_0, SSLv3).filter(suite::usableIn).findFirst()
                .orElseThrow(() -> new AssertionError("usable in no version: " + suite));
    }

    private static Finding only(FindingKind kind, List<Finding> findings) {
        assertOneLine(findings);
        return findings.stream().filter(f -> f.kind() == kind).reduce((a, b) -> {
            throw new AssertionError("two " + kind + " findings: " + findings);
        }).orElseThrow(() -> new AssertionError("no " + kind + " finding in " + findings));
    }

    private static List<FindingKind> kinds(TargetResult r) {
        return Findings.of(r).stream().map(Finding::kind).toList();
    }

    private static void assertOneLine(List<Finding> findings) {
        for (Finding f : findings) {
            assertThat(f.detail()).as(f.kind().label()).isNotBlank().doesNotContain("\n", "\r");
        }
    }
}
