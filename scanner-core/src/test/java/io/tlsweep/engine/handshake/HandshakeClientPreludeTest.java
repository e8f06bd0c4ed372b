package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.LinePrelude;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.targets.Behaviour;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real-handshake client through a prelude: the targets module's line-protocol server in front of a real TLS
 * stack, with each provider; a refusal, a silent server and a server that closes are values, not hangs.
 */
class HandshakeClientPreludeTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.<TargetSpec>of(
            PreludeTargetSpec.of("hs-line", "handshake banner", DefaultProfiles.modernTls12And13().toBuilder()
                    .name("hs-line-tls").build()),
            PreludeTargetSpec.of("hs-line-refuses", "busy", DefaultProfiles.mixed().toBuilder()
                    .name("hs-line-refuses-tls").build()).refusingTls(),
            TargetSpec.hostile("hs-silent", Behaviour.SILENT),
            TargetSpec.hostile("hs-ssh", Behaviour.SSH_BANNER)));

    private static HandshakeOutcome handshake(FarmTarget target, HandshakeSpec spec, HandshakeClientConfig config) {
        try (HandshakeClient client = new HandshakeClient(config)) {
            return Handshakes.run(client, Handshakes.target(target).withPrelude(new LinePrelude(false)), spec);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void everyProviderHandshakesAfterTheBannerAndStartTls(TlsProvider provider, TargetFarm farm) {
        FarmTarget target = farm.target("hs-line");
        HandshakeOutcome outcome = handshake(target, HandshakeSpec.of(provider, ProtocolVersion.TLSv1_2),
                Handshakes.config());
        assertThat(outcome).isInstanceOf(HandshakeOutcome.Established.class);
        HandshakeOutcome.Established e = (HandshakeOutcome.Established) outcome;
        assertThat(e.version()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(Handshakes.sha256(e.chain().get(0))).isEqualTo(target.tls().certificate().sha256Fingerprint());
    }

    @Test
    void tls13ThroughThePreludeToo(TargetFarm farm) {
        HandshakeOutcome outcome = handshake(farm.target("hs-line"), HandshakeSpec.of(TlsProvider.JDK,
                ProtocolVersion.TLSv1_3), Handshakes.config());
        assertThat(((HandshakeOutcome.Established) outcome).version()).isEqualTo(ProtocolVersion.TLSv1_3);
    }

    @Test
    void aRefusalIsAPreludeFailure(TargetFarm farm) {
        Failure f = failure(handshake(farm.target("hs-line-refuses"), HandshakeSpec.of(TlsProvider.BORINGSSL,
                ProtocolVersion.TLSv1_2), Handshakes.config()));
        assertThat(f.kind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
        assertThat(f.detail()).isEqualTo("STARTTLS answered '454 TLS not available'");
    }

    @Test
    void aSilentServerEndsAtThePreludeTimeout(TargetFarm farm) {
        HandshakeClientConfig quick = Handshakes.config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700));
        Failure f = failure(handshake(farm.target("hs-silent"), HandshakeSpec.of(TlsProvider.JDK,
                ProtocolVersion.TLSv1_2), quick));
        assertThat(f.kind()).isEqualTo(FailureKind.PRELUDE_TIMEOUT);
        assertThat(f.detail()).isEqualTo("no end of the line prelude within 700 ms");
    }

    @Test
    void anotherProtocolsBannerIsUnexpected(TargetFarm farm) {
        Failure f = failure(handshake(farm.target("hs-ssh"), HandshakeSpec.of(TlsProvider.JDK,
                ProtocolVersion.TLSv1_2), Handshakes.config()));
        assertThat(f.kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(f.detail()).startsWith("expected a 220 banner, got 'SSH-2.0");
    }

    private static Failure failure(HandshakeOutcome outcome) {
        assertThat(outcome).isInstanceOf(HandshakeOutcome.Failed.class);
        return ((HandshakeOutcome.Failed) outcome).failure();
    }
}
