package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.FailureKind;
import io.tlsweep.targets.Behaviour;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Full handshakes with each provider against farm targets whose configuration and certificate are known. */
@ExtendWith(TargetFarmExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandshakeClientFarmTest {
    private static final String ECDHE_RSA_AES128_GCM = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    private HandshakeClient client;

    @BeforeAll
    void start() {
        client = new HandshakeClient(Handshakes.config());
    }

    @AfterAll
    void stop() {
        client.close();
    }

    private HandshakeOutcome.Established established(FarmTarget target, HandshakeSpec spec) {
        HandshakeOutcome outcome = Handshakes.run(client, Handshakes.target(target), spec);
        assertThat(outcome).as(spec.describe() + " against " + target.name())
                .isInstanceOf(HandshakeOutcome.Established.class);
        HandshakeOutcome.Established e = (HandshakeOutcome.Established) outcome;
        assertThat(e.chain()).isNotEmpty();
        assertThat(Handshakes.sha256(e.chain().get(0))).as("leaf as served")
                .isEqualTo(target.tls().certificate().sha256Fingerprint());
        assertThat(e.resumed()).isFalse();
        HandshakeTimings t = e.timings();
        assertThat(t.connectNanos()).isPositive();
        assertThat(t.handshakeNanos()).isGreaterThan(t.connectNanos());
        assertThat(t.totalNanos()).isGreaterThanOrEqualTo(t.handshakeNanos());
        return e;
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tls12EcdheRsa(TlsProvider provider, TargetFarm farm) {
        HandshakeOutcome.Established e = established(farm.target("mixed-tls10-12"),
                HandshakeSpec.of(provider, List.of(ProtocolVersion.TLSv1_2), List.of(ECDHE_RSA_AES128_GCM)));
        assertThat(e.version()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(e.cipherSuite().ianaName()).isEqualTo(ECDHE_RSA_AES128_GCM);
        assertThat(e.cipherSuite().code()).isEqualTo(0xC02F);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tls13Only(TlsProvider provider, TargetFarm farm) {
        HandshakeOutcome.Established e = established(farm.target("tls13-only"),
                HandshakeSpec.of(provider, ProtocolVersion.TLSv1_3));
        assertThat(e.version()).isEqualTo(ProtocolVersion.TLSv1_3);
        // the server serves CHACHA20 and AES-256 only, in its own order
        assertThat(e.cipherSuite().ianaName()).isIn("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void ecdsaCertificate(TlsProvider provider, TargetFarm farm) {
        HandshakeOutcome.Established e = established(farm.target("strong-tls12-ecdsa"),
                HandshakeSpec.of(provider, List.of(ProtocolVersion.TLSv1_2),
                        List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")));
        assertThat(e.cipherSuite().code()).isEqualTo(0xC02B);
    }

    @Test
    void tls10ThroughBoringSsl(TargetFarm farm) {
        HandshakeOutcome.Established e = established(farm.target("legacy-tls10"),
                HandshakeSpec.of(TlsProvider.BORINGSSL, List.of(ProtocolVersion.TLSv1_0),
                        List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")));
        assertThat(e.version()).isEqualTo(ProtocolVersion.TLSv1_0);
        assertThat(e.cipherSuite().code()).isEqualTo(0xC013);
    }

    @Test
    void sniNameIsSent(TargetFarm farm) {
        FarmTarget sni = farm.target("sni-required");
        HandshakeSpec spec = HandshakeSpec.of(TlsProvider.BORINGSSL, ProtocolVersion.TLSv1_2);
        HandshakeOutcome with = Handshakes.run(client, HandshakeTarget.of(sni.address(), DefaultProfiles.SNI_NAME), spec);
        assertThat(with).isInstanceOf(HandshakeOutcome.Established.class);
        HandshakeOutcome without = Handshakes.run(client, Handshakes.target(sni), spec);
        assertThat(without).isInstanceOfSatisfying(HandshakeOutcome.Failed.class, f ->
                assertThat(f.failure().alert()).contains(AlertDescription.UNRECOGNIZED_NAME));
    }

    @Test
    void closedPortIsConnectRefused(TargetFarm farm) {
        FarmTarget closed = farm.target(DefaultProfiles.hostileName(Behaviour.CLOSED_PORT));
        HandshakeOutcome outcome = Handshakes.run(client, Handshakes.target(closed),
                HandshakeSpec.of(TlsProvider.BORINGSSL, ProtocolVersion.TLSv1_2));
        assertThat(outcome).isInstanceOfSatisfying(HandshakeOutcome.Failed.class,
                f -> assertThat(f.failure().kind()).isEqualTo(FailureKind.CONNECT_REFUSED));
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void hostileResetIsResetBeforeReply(TlsProvider provider, TargetFarm farm) {
        FarmTarget reset = farm.target(DefaultProfiles.hostileName(Behaviour.RESET_ON_HELLO));
        HandshakeOutcome outcome = Handshakes.run(client, Handshakes.target(reset),
                HandshakeSpec.of(provider, ProtocolVersion.TLSv1_2));
        assertThat(outcome).isInstanceOfSatisfying(HandshakeOutcome.Failed.class,
                f -> assertThat(f.failure().kind()).as(f.failure().toString()).isEqualTo(FailureKind.RESET_BEFORE_REPLY));
    }

    /**
     * TLS 1.3 offered to a TLS 1.0-1.2 server: every provider's server side answers a TLS 1.3-only hello
     * with a protocol_version alert (the server sees no version it supports in supported_versions).
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void refusedVersionIsProtocolVersionAlert(TlsProvider provider, TargetFarm farm) {
        HandshakeOutcome outcome = Handshakes.run(client, Handshakes.target(farm.target("mixed-tls10-12")),
                HandshakeSpec.of(provider, ProtocolVersion.TLSv1_3));
        assertThat(outcome).isInstanceOfSatisfying(HandshakeOutcome.Failed.class, f -> {
            assertThat(f.failure().kind()).as(f.failure().toString()).isEqualTo(FailureKind.ALERT);
            assertThat(f.failure().alert()).contains(AlertDescription.PROTOCOL_VERSION);
        });
    }
}
