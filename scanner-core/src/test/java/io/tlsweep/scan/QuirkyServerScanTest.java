package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.Readiness;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TlsExpectation;
import io.tlsweep.targets.VersionFacts;
import io.tlsweep.wire.CipherSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Servers real networks have and no stack here serves on its own, scripted: two size-intolerant ones (a hello of
 * more than 150 suites gets decode_error; one of more than 512 bytes a close without a byte) are still enumerated
 * exactly, with smaller offers once the size showed; one accepting a TLS 1.2-only suite in TLS 1.0 and 1.1 is found
 * with it, at no extra connection, and gets the finding {@code suite-off-version}.
 */
class QuirkyServerScanTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            ScriptedTargetSpec.sizeIntolerantBySuites("size-suites-150", 150),
            ScriptedTargetSpec.sizeIntolerantByLength("size-bytes-512", 512),
            ScriptedTargetSpec.sizeIntolerantBySuites("size-both", 150).withMaxHelloBytes(512),
            ScriptedTargetSpec.offVersion("off-version")));
    private static Map<String, TargetResult> results;

    @BeforeAll
    static void scan(TargetFarm farm) {
        List<Target> targets = new ArrayList<>();
        for (FarmTarget t : farm.targets()) {
            targets.add(FarmScans.target(t, Optional.empty(), t.name()));
        }
        results = FarmScans.scan(targets, ScanOptions.full());
    }

    @Test
    void sizeIntolerantServersAreEnumeratedExactly(TargetFarm farm) {
        for (String name : List.of("size-suites-150", "size-bytes-512", "size-both")) {
            TargetResult r = results.get(name);
            assertExactly(r, farm.target(name).tls());
            assertThat(r.notes()).as(name).anyMatch(n -> n.startsWith("TLSv1.2: a hello of 362 suites")
                    && n.endsWith("size intolerance, offers cut to at most 128 suites in 512 bytes"));
        }
    }

    @Test
    void aSuiteAcceptedOffItsVersionIsFoundAtNoExtraConnectionWithItsFinding(TargetFarm farm) {
        FarmTarget t = farm.target("off-version");
        TargetResult r = results.get("off-version");
        assertExactly(r, t.tls());
        assertThat(t.tls().offVersion()).isNotEmpty();
        assertThat(r.connections()).isEqualTo(FarmScanTest.expectedConnections(t.tls(), r));
        List<Finding> offVersion = Readiness.assess(r).findings().stream()
                .filter(f -> f.kind() == FindingKind.SUITE_OFF_VERSION).toList();
        assertThat(offVersion).singleElement().extracting(Finding::detail)
                .isEqualTo("TLSv1.0: TLS_RSA_WITH_AES_128_CBC_SHA256; TLSv1.1: TLS_RSA_WITH_AES_128_CBC_SHA256");
    }

    private static void assertExactly(TargetResult r, TlsExpectation expected) {
        String name = r.target().origin();
        assertThat(r.status()).as(name).isEqualTo(ScanStatus.OK);
        assertThat(r.protocols()).as(name).extracting(p -> p.version().code())
                .containsExactlyElementsOf(expected.perVersion().stream().map(f -> f.version().code()).toList());
        for (VersionFacts facts : expected.perVersion()) {
            ProtocolSupport found = r.protocols().stream().filter(p -> p.version().code() == facts.version().code())
                    .findFirst().orElseThrow();
            assertThat(found.cipherSuites()).as(name + " " + found.version()).extracting(CipherSuite::code)
                    .containsExactlyElementsOf(facts.codes());
            assertThat(found.complete()).as(name).isTrue();
            if (facts.suites().size() > 1) {
                assertThat(found.order()).as(name + " " + found.version()).isEqualTo(PreferenceOrder.SERVER);
            }
        }
    }
}
