package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.tds.Encryption;
import io.tlsweep.prelude.tds.TdsFacts;
import io.tlsweep.prelude.tds.TdsPrelude;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TDS prelude and its framing against the targets module's scripted SQL Server front (a real BoringSSL stack
 * behind PRELOGIN and TDS packets): the engine's raw hellos of every version the stack serves, what asking OFF
 * learns, and a front without TLS. The codec and the front were written apart, each from [MS-TDS]; the
 * full-handshake client through them is {@code handshake.TdsHandshakeTest}.
 */
class TdsPreludeAgainstTheFrontTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            TdsTargetSpec.of("mssql-2012", 11, 0, 2100, TdsTargetSpec.Encryption.OFF,
                    DefaultProfiles.mixed().toBuilder().name("mssql-2012-tls").build()),
            TdsTargetSpec.of("mssql-2008r2-no-tls", 10, 50, 1600, TdsTargetSpec.Encryption.NOT_SUP,
                    DefaultProfiles.mixed().toBuilder().name("mssql-2008r2-no-tls-tls").build())));

    @Test
    void everyVersionsHelloIsAnsweredThroughPreloginAndTdsPackets(TargetFarm farm) throws Exception {
        FarmTarget target = farm.target("mssql-2012");
        List<ProtocolVersion> versions = List.of(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1,
                ProtocolVersion.TLSv1_2);
        List<ProbeStep> steps = IntStream.range(0, versions.size()).mapToObj(i -> new ProbeStep(i,
                versions.get(i).displayName(), hello(versions.get(i))).withPrelude(TdsPrelude.DEFAULT)).toList();
        try (ScanEngine engine = new ScanEngine(Scans.quick().readTimeout(Duration.ofSeconds(5)).build())) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, List.of(Scans.loopback(target.port())),
                    e -> new ScriptedPlan(steps, ScriptedPlan.Mode.ALL_AT_ONCE));
            ScriptedPlan plan = done.only().plan();
            assertThat(plan.protocolErrors).isEmpty();
            for (int i = 0; i < versions.size(); i++) {
                ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) plan.outcomes.get(i);
                ServerHello hello = (ServerHello) r.response();
                assertThat(hello.version()).isEqualTo(versions.get(i));
                assertThat(hello.flight().complete()).as("the whole first flight came out of the packets").isTrue();
                assertThat(r.prelude().orElseThrow().fields()).containsEntry("version", "11.0.2100")
                        .containsEntry("product", "SQL Server 2012").containsEntry("encryption", "on");
            }
        }
    }

    @Test
    void askingOffLearnsThatTheServerDoesNotForceEncryption(TargetFarm farm) throws Exception {
        ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) one(farm.target("mssql-2012"),
                TdsPrelude.asking(Encryption.OFF));
        assertThat(((TdsFacts) r.prelude().orElseThrow()).encryption()).contains(Encryption.OFF);
        assertThat(r.response()).isInstanceOf(ServerHello.class);
    }

    @Test
    void aFrontWithoutTlsIsTlsNotOfferedWithItsVersion(TargetFarm farm) throws Exception {
        ConnectionOutcome.NoReply r = (ConnectionOutcome.NoReply) one(farm.target("mssql-2008r2-no-tls"),
                TdsPrelude.DEFAULT);
        assertThat(r.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(r.prelude().orElseThrow().fields()).containsEntry("product", "SQL Server 2008 R2")
                .containsEntry("encryption", "not-supported");
    }

    private static ConnectionOutcome one(FarmTarget target, TdsPrelude prelude) throws Exception {
        try (ScanEngine engine = new ScanEngine(Scans.quick().readTimeout(Duration.ofSeconds(5)).build())) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, List.of(Scans.loopback(target.port())),
                    e -> new ScriptedPlan(List.of(new ProbeStep(0, "tls 1.2", hello(ProtocolVersion.TLSv1_2))
                            .withPrelude(prelude)), ScriptedPlan.Mode.ONE_BY_ONE));
            return done.only().plan().outcomes.get(0);
        }
    }

    private static ClientHelloSpec hello(ProtocolVersion version) {
        return ScriptedPlan.tls12Hello().toBuilder().clientVersion(version)
                .cipherSuites(List.of(CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").orElseThrow(),
                        CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow()))
                .build();
    }
}
