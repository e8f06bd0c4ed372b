package io.tlsweep.analysis;

import static io.tlsweep.analysis.ResultBuilder.result;
import static io.tlsweep.profile.TestProfiles.profile;
import static io.tlsweep.wire.ProtocolVersion.SSLv3;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.profile.ClientFamily;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Weakness;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfTest {
    private static final ClientProfile WIN7 = profile("win7", ClientFamily.SCHANNEL).versions(SSLv3, TLSv1_0)
            .suites(0xC014, 0x002F, 0x000A, 0x0005).build();
    private static final ClientProfile WIN10 = profile("win10", ClientFamily.SCHANNEL)
            .versions(TLSv1_0, TLSv1_1, TLSv1_2).suites(0xC02F, 0xC014, 0x002F, 0x000A).build();
    private static final ClientProfile JAVA8 = profile("java8", ClientFamily.JAVA).versions(TLSv1_0, TLSv1_1, TLSv1_2)
            .suites(0xC02F, 0x002F, 0x0005).build();

    @Test
    void switchingLegacyOffCutsOffTheClientsThatHaveNothingNewerAndUsesTheServersOwnRefusal() {
        Failure reset = Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset");
        TargetResult mixed = result().refuses(SSLv3, reset).accepts(TLSv1_0, 0xC014, 0x002F)
                .accepts(TLSv1_1, 0xC014, 0x002F).accepts(TLSv1_2, 0xC02F, 0x002F).build();
        List<WhatIf.Loss> losses = WhatIf.losses(mixed, List.of(WIN7, WIN10, JAVA8), ClientImpact.LEGACY_OFF);
        assertThat(losses).extracting(l -> l.profile().id()).containsExactly("win7");
        WhatIf.Loss win7 = losses.get(0);
        assertThat(win7.today().version()).contains(TLSv1_0);
        assertThat(win7.after().reason()).isEqualTo(Reason.SERVER_REFUSES_VERSION);
        assertThat(win7.after().assumed()).isFalse();
        assertThat(ProfileCheck.messageOf(WIN7, win7.after()).orElseThrow().code()).isEqualTo("10054");
    }

    @Test
    void aServerThatShowedNoRefusalGetsAnAssumedProtocolVersionAlert() {
        TargetResult r = result().accepts(TLSv1_0, 0x002F).accepts(TLSv1_2, 0xC02F).build();
        WhatIf.Loss loss = WhatIf.losses(r, List.of(WIN7), ClientImpact.LEGACY_OFF).get(0);
        assertThat(loss.after().assumed()).isTrue();
        assertThat(loss.after().failure().flatMap(Failure::alert)).contains(AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void aServerLeftWithNoVersionRefusesTheWayItWasSeenToRefuseNotBySilence() {
        Failure reset = Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset");
        TargetResult tls10Only = result().accepts(TLSv1_0, 0x002F).refuses(TLSv1_2, reset).build();
        List<WhatIf.Loss> losses = WhatIf.losses(tls10Only, List.of(WIN7, WIN10, JAVA8), ClientImpact.LEGACY_OFF);
        assertThat(losses).extracting(l -> l.profile().id()).containsExactly("win7", "win10", "java8");
        for (WhatIf.Loss l : losses) {
            assertThat(l.after().reason()).isEqualTo(Reason.SERVER_REFUSES_VERSION);
            assertThat(l.after().failure().map(Failure::kind)).contains(FailureKind.RESET_BEFORE_REPLY);
            assertThat(l.after().assumed()).isFalse();
        }
        assertThat(ProfileCheck.messageOf(WIN10, losses.get(1).after()).orElseThrow().code()).isEqualTo("10054");
    }

    @Test
    void aServerLeftWithNoVersionThatShowedNoRefusalIsAssumedToAlertAndSaysWhy() {
        Failure lower = Failure.of(FailureKind.LOWER_VERSION, "answered TLSv1.0 to a TLSv1.2 hello");
        Failure silence = Failure.of(FailureKind.READ_TIMEOUT, "no reply within 2000 ms");
        TargetResult tls10Only = result().accepts(TLSv1_0, 0x002F).refuses(TLSv1_2, lower)
                .refuses(SSLv3, silence).build();
        List<WhatIf.Loss> losses = WhatIf.losses(tls10Only, List.of(WIN7, WIN10), ClientImpact.LEGACY_OFF);
        assertThat(losses).hasSize(2);
        for (WhatIf.Loss l : losses) {
            assertThat(l.after().reason()).isEqualTo(Reason.SERVER_REFUSES_VERSION);
            assertThat(l.after().assumed()).isTrue();
            assertThat(l.after().failure().flatMap(Failure::alert)).contains(AlertDescription.PROTOCOL_VERSION);
            assertThat(l.after().failure().orElseThrow().detail()).startsWith("assumed: the server showed no refusal")
                    .contains("RFC 8446/5246");
        }
        assertThat(ProfileCheck.messageOf(WIN10, losses.get(1).after()).orElseThrow().code()).isEqualTo("0x80090302");
    }

    @Test
    void switchingSuiteClassesOffDropsAVersionLeftWithoutSuites() {
        Failure handshake = Failure.alert(AlertDescription.HANDSHAKE_FAILURE, "no shared suite");
        TargetResult r = result().refuses(SSLv3, Failure.alert(AlertDescription.PROTOCOL_VERSION, "old"))
                .accepts(TLSv1_0, PreferenceOrder.SERVER, handshake, 0x0005, 0x000A)
                .accepts(TLSv1_2, PreferenceOrder.SERVER, handshake, 0xC02F, 0x0005).build();
        Assumption off = Assumption.parse("RC4,3DES");
        TargetResult after = WhatIf.apply(r, off);
        assertThat(after.protocols()).extracting(p -> p.version()).containsExactly(TLSv1_2);
        assertThat(after.protocols().get(0).cipherSuites()).containsExactly(CipherSuite.of(0xC02F));
        assertThat(after.refusals()).containsKey(TLSv1_0);
        assertThat(WhatIf.losses(r, List.of(WIN7, WIN10, JAVA8), off)).extracting(l -> l.profile().id())
                .containsExactly("win7");
    }

    @Test
    void assumptionsParseVersionsClassesAndSuitesAndNameWhatTheyCannotParse() {
        Assumption a = Assumption.parse("TLSv1.0, tls1.1,SSLv3,RC4,3des,TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(a.versions()).containsExactlyInAnyOrder(TLSv1_0, TLSv1_1, SSLv3);
        assertThat(a.classes()).containsExactlyInAnyOrder(Weakness.RC4, Weakness.TRIPLE_DES);
        assertThat(a.suites()).containsExactly(CipherSuite.of(0x002F));
        assertThat(a.label()).isEqualTo("SSLv3, TLSv1.0, TLSv1.1, rc4, 3des, TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThatThrownBy(() -> Assumption.parse("TLSv1.0,TLSv9"))
                .hasMessageStartingWith("'TLSv9' (item 2 of \"TLSv1.0,TLSv9\") is not a protocol version");
        assertThatThrownBy(() -> Assumption.parse(" , ")).hasMessageContaining("nothing to assume disabled");
    }
}
