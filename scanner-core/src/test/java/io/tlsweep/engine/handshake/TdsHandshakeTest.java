package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.tds.TdsPrelude;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The full-handshake client of each provider through the TDS prelude and framing, against the targets module's
 * scripted SQL Server front with a real BoringSSL stack behind it: the handshake completes inside TDS packets.
 */
class TdsHandshakeTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            TdsTargetSpec.of("hs-mssql", 11, 0, 2100, TdsTargetSpec.Encryption.REQ,
                    DefaultProfiles.mixed().toBuilder().name("hs-mssql-tls").build())));

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void everyProviderCompletesAHandshakeThroughTheFraming(TlsProvider provider, TargetFarm farm) {
        FarmTarget target = farm.target("hs-mssql");
        try (HandshakeClient client = new HandshakeClient(Handshakes.config())) {
            HandshakeOutcome outcome = Handshakes.run(client, Handshakes.target(target)
                    .withPrelude(TdsPrelude.DEFAULT), HandshakeSpec.of(provider, ProtocolVersion.TLSv1_2));
            assertThat(outcome).isInstanceOf(HandshakeOutcome.Established.class);
            HandshakeOutcome.Established e = (HandshakeOutcome.Established) outcome;
            assertThat(e.version()).isEqualTo(ProtocolVersion.TLSv1_2);
            assertThat(Handshakes.sha256(e.chain().get(0))).isEqualTo(target.tls().certificate()
                    .sha256Fingerprint());
        }
    }
}
