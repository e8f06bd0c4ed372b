package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.Readiness;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.Severity;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LUCKY13, the informational finding over the scan's facts: on a farm target that accepts CBC suites in TLS 1.0 to
 * 1.2 (BoringSSL's {@code mixed-tls10-12}) it names them per version; on one with AEAD suites only (the JDK's
 * {@code modern-tls12-13}) there is none.
 */
class Lucky13FindingTest {
    private static TargetFarm farm;
    private static Map<String, TargetResult> scanned;

    @BeforeAll
    static void scan() throws Exception {
        farm = TargetFarm.start(List.of(DefaultProfiles.mixed(), DefaultProfiles.modernTls12And13()));
        List<Target> targets = List.of(FarmScans.target(farm.target("mixed-tls10-12"), Optional.empty(), "cbc"),
                FarmScans.target(farm.target("modern-tls12-13"), Optional.empty(), "aead"));
        scanned = FarmScans.scan(targets, ScanOptions.full().checks(io.tlsweep.probe.CheckSelection.none()));
    }

    @AfterAll
    static void stop() {
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    void cbcSuitesInTls10To12AreAnInformationalLucky13Finding() {
        List<Finding> lucky13 = Readiness.assess(scanned.get("cbc")).findings().stream()
                .filter(f -> f.kind() == FindingKind.LUCKY13).toList();
        assertThat(lucky13).singleElement().satisfies(f -> {
            assertThat(f.kind().severity()).isEqualTo(Severity.INFO);
            assertThat(f.kind().title()).contains("CVE-2013-0169");
            assertThat(f.detail()).isEqualTo("TLSv1.0: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,"
                    + " TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, TLS_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_256_CBC_SHA;"
                    + " TLSv1.1: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,"
                    + " TLS_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_256_CBC_SHA;"
                    + " TLSv1.2: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,"
                    + " TLS_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_256_CBC_SHA");
        });
    }

    @Test
    void aeadSuitesOnlyGiveNone() {
        TargetResult aead = scanned.get("aead");
        assertThat(aead.protocols()).isNotEmpty();
        assertThat(Readiness.assess(aead).findings()).extracting(Finding::kind).doesNotContain(FindingKind.LUCKY13);
    }
}
