package io.tlsweep.analysis;

import static io.tlsweep.analysis.ResultBuilder.result;
import static io.tlsweep.profile.TestProfiles.profile;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.profile.ClientFamily;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.TargetResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdict's reason against the client profiles' predictions: it names only what the predictions say. */
class ReadinessReasonTest {
    private static final int RSA_3DES = 0x000A;
    private static final int RSA_RC4_SHA = 0x0005;
    private static final int ECDHE_AES128_GCM = 0xC02F;
    private static final int DH_ANON_AES128_CBC = 0x0034;

    private static final ClientProfile WIN10 = profile("win10", ClientFamily.SCHANNEL)
            .versions(TLSv1_0, TLSv1_1, TLSv1_2).suites(ECDHE_AES128_GCM, RSA_3DES).build();
    private static final ClientProfile WINHTTP = profile("winhttp", ClientFamily.SCHANNEL)
            .versions(TLSv1_1, TLSv1_2).suites(ECDHE_AES128_GCM, RSA_3DES).build();
    private static final ClientProfile JAVA17 = profile("java17", ClientFamily.JAVA).versions(TLSv1_2, TLSv1_3)
            .suites(0x1301, ECDHE_AES128_GCM).build();
    private static final ClientProfile WIN7 = profile("win7", ClientFamily.SCHANNEL).versions(TLSv1_0)
            .suites(0xC014, 0x002F).build();

    @Test
    void onlyLegacySuitesNameWhoFailsWithItsMessageAndWhoConnectsWithWhichSuite() {
        TargetResult r = result().accepts(TLSv1_2, RSA_RC4_SHA, RSA_3DES).build();
        List<ClientProfile> profiles = List.of(WIN10, WINHTTP, JAVA17);
        ClientImpact impact = ClientImpact.of(r, profiles, Optional.empty());
        Assessment a = Readiness.assess(r, impact);

        assertThat(a.verdict()).isEqualTo(Verdict.NO_COMMON_ALGORITHM_RISK);
        String javaMessage = ProfileCheck.messageOf(JAVA17, ProfilePrediction.predict(r, JAVA17)).orElseThrow()
                .oneLine();
        assertThat(a.reason()).containsIgnoringCase("(rc4/3des)")
                .contains("TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA")
                .contains("fails today: java17 (test) with \"" + javaMessage + "\"")
                .contains("connects today: win10 (test), winhttp (test) with TLS_RSA_WITH_3DES_EDE_CBC_SHA (TLSv1.2)")
                .doesNotContain("strong-crypto", "no longer offer", "0x80090326").doesNotContain("\n");
        String fails = a.reason().substring(a.reason().indexOf("fails today:"), a.reason().indexOf("connects today:"));
        assertThat(fails).as("a client predicted to connect is never named as failing").doesNotContain("win10",
                "winhttp");
    }

    @Test
    void onlyLegacySuitesThatEveryProfileFailsOnSayNoneConnects() {
        TargetResult r = result().accepts(TLSv1_2, RSA_RC4_SHA).build();
        Assessment a = Readiness.assess(r, ClientImpact.of(r, List.of(JAVA17), Optional.empty()));
        assertThat(a.reason()).contains("fails today: java17 (test)", "no client profile connects today");
    }

    @Test
    void aReadyEndpointSaysWhoIsAlreadyUnreachableBeforeAnyChange() {
        TargetResult r = result().accepts(TLSv1_2, ECDHE_AES128_GCM).build();
        Assessment a = Readiness.assess(r, ClientImpact.of(r, List.of(WIN10, WIN7), Optional.empty()));
        assertThat(a.verdict()).isEqualTo(Verdict.READY);
        assertThat(a.reason()).contains("; already unreachable for: win7 (test) (they fail today, before any change)")
                .doesNotContain("cannot connect today");
    }

    @Test
    void aLegacyEnabledEndpointWordsItsUnreachableClientsTheSameWay() {
        TargetResult r = result().accepts(TLSv1_1, ECDHE_AES128_GCM).accepts(TLSv1_2, ECDHE_AES128_GCM).build();
        Assessment a = Readiness.assess(r, ClientImpact.of(r, List.of(WIN10, WIN7), Optional.empty()));
        assertThat(a.verdict()).isEqualTo(Verdict.LEGACY_ENABLED);
        assertThat(a.reason()).contains("already unreachable for: win7 (test) (they fail today, before any change)");
    }

    @Test
    void anonymousSuitesAreNamedInTheReason() {
        TargetResult r = result().accepts(TLSv1_0, DH_ANON_AES128_CBC)
                .accepts(TLSv1_2, ECDHE_AES128_GCM, DH_ANON_AES128_CBC).build();
        Assessment a = Readiness.assess(r);
        assertThat(a.verdict()).isEqualTo(Verdict.LEGACY_ENABLED);
        assertThat(a.reason()).contains("accepts anonymous suites TLS_DH_anon_WITH_AES_128_CBC_SHA: no server"
                + " authentication");
        assertThat(a.findings()).extracting(f -> f.kind()).contains(FindingKind.ANONYMOUS);
    }

    @Test
    void aReadyEndpointWithAnAnonymousSuiteBesideStrongOnesSaysSo() {
        Assessment a = Readiness.assess(result().accepts(TLSv1_2, ECDHE_AES128_GCM, DH_ANON_AES128_CBC).build());
        assertThat(a.verdict()).isEqualTo(Verdict.READY);
        assertThat(a.reason()).contains("anonymous suites TLS_DH_anon_WITH_AES_128_CBC_SHA");
    }
}
