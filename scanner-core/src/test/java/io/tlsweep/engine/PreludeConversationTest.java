package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.LinePrelude;
import io.tlsweep.probe.FollowUp;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.TlsRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scripted exchange through the real engine against the targets module's prelude servers: a banner line, a
 * command line and its answer, then the hello and its reply, then one more record (a heartbeat request) and the
 * answer to it, all on one connection; bare and in TDS-shaped packets; before a real TLS stack; and refused.
 */
class PreludeConversationTest {
    private static final String SUITE = "TLS_RSA_WITH_AES_128_CBC_SHA";

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            PreludeTargetSpec.of("line-scripted", "scripted test banner", scripted("line-scripted-tls")),
            PreludeTargetSpec.of("line-framed", "framed test banner", scripted("line-framed-tls")).withFraming(),
            PreludeTargetSpec.of("line-real", "real stack", DefaultProfiles.mixed().toBuilder()
                    .name("line-real-tls").build()),
            PreludeTargetSpec.of("line-refuses", "busy", DefaultProfiles.mixed().toBuilder()
                    .name("line-refuses-tls").build()).refusingTls()));

    /** A heartbeat request record (RFC 6520): payload "conversation" (12 bytes), 16 bytes of padding. */
    private static final byte[] HEARTBEAT = HexFormat.of().parseHex("180303001f" + "01000c"
            + HexFormat.of().formatHex("conversation".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            + "00".repeat(16));

    private static ScriptedTargetSpec scripted(String name) {
        return ScriptedTargetSpec.of(name, EnumSet.of(TlsVersion.TLS1_2), List.of(SUITE));
    }

    private static ScanEngine engine() {
        return new ScanEngine(Scans.quick().readTimeout(Duration.ofSeconds(5)).build());
    }

    private static ConnectionOutcome.Replied converse(FarmTarget target, ProbeStep step) throws Exception {
        try (ScanEngine engine = engine()) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, List.of(Scans.loopback(target.port())),
                    e -> new ScriptedPlan(List.of(step), ScriptedPlan.Mode.ONE_BY_ONE));
            assertThat(done.stats().connections()).as("one connection for the whole conversation").isEqualTo(1);
            ConnectionOutcome outcome = done.only().plan().outcomes.get(0);
            assertThat(outcome).isInstanceOf(ConnectionOutcome.Replied.class);
            return (ConnectionOutcome.Replied) outcome;
        }
    }

    @ParameterizedTest(name = "framed={0}")
    @ValueSource(booleans = {false, true})
    void bannerCommandAnswerHelloReplyAndAFollowUpOnOneConnection(boolean framed, TargetFarm farm) throws Exception {
        FarmTarget target = farm.target(framed ? "line-framed" : "line-scripted");
        ProbeStep step = new ProbeStep(0, "heartbeat after STARTTLS", ScriptedPlan.tls12Hello())
                .withPrelude(new LinePrelude(framed)).withFollowUps(FollowUp.afterServerHello(HEARTBEAT));
        ConnectionOutcome.Replied r = converse(target, step);

        assertThat(r.prelude()).contains(new LinePrelude.LineFacts(framed ? "framed test banner"
                : "scripted test banner", Optional.of("220 ready")));
        ServerHello hello = (ServerHello) r.response();
        assertThat(hello.version()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(hello.cipherSuite()).isEqualTo(CipherSuite.byName(SUITE).orElseThrow());
        assertThat(hello.flight().complete()).isTrue();
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(hello.flight().certificates().get(0)))).isEqualTo(target.tls().certificate().sha256Fingerprint());
        assertThat(r.followUps()).hasSize(1);
        FollowUpAnswer answer = r.followUps().get(0);
        assertThat(answer.whole()).isTrue();
        TlsRecord heartbeat = answer.records().get(0);
        assertThat(heartbeat.contentType()).isEqualTo(TlsRecord.HEARTBEAT);
        assertThat(heartbeat.fragment()[0]).as("a heartbeat response").isEqualTo((byte) 2);
        assertThat(new String(Arrays.copyOfRange(heartbeat.fragment(), 3, 15),
                java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("conversation");
        assertThat(r.timings().firstByteNanos()).as("the first TLS byte, after the prelude's")
                .isGreaterThan(r.timings().connectNanos());
    }

    @Test
    void aRecordTheScriptDoesNotKnowIsAnsweredWithAnAlert(TargetFarm farm) throws Exception {
        byte[] changeCipherSpec = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
        ConnectionOutcome.Replied r = converse(farm.target("line-scripted"), new ProbeStep(0, "CCS out of turn",
                ScriptedPlan.tls12Hello()).withPrelude(new LinePrelude(false))
                .withFollowUps(FollowUp.afterServerHello(changeCipherSpec)));
        TlsRecord alert = r.followUps().get(0).records().get(0);
        assertThat(alert.contentType()).isEqualTo(TlsRecord.ALERT);
        assertThat(alert.fragment()).containsExactly(2, 10);
    }

    @Test
    void aRealStackAnswersEveryVersionsHelloThroughThePrelude(TargetFarm farm) throws Exception {
        FarmTarget target = farm.target("line-real");
        List<ProtocolVersion> versions = List.of(ProtocolVersion.TLSv1_0, ProtocolVersion.TLSv1_1,
                ProtocolVersion.TLSv1_2);
        List<ProbeStep> steps = IntStream.range(0, versions.size()).mapToObj(i -> new ProbeStep(i,
                versions.get(i).displayName(), hello(versions.get(i))).withPrelude(new LinePrelude(false))).toList();
        try (ScanEngine engine = engine()) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, List.of(Scans.loopback(target.port())),
                    e -> new ScriptedPlan(steps, ScriptedPlan.Mode.ALL_AT_ONCE));
            ScriptedPlan plan = done.only().plan();
            assertThat(plan.protocolErrors).isEmpty();
            for (int i = 0; i < versions.size(); i++) {
                ConnectionOutcome.Replied r = (ConnectionOutcome.Replied) plan.outcomes.get(i);
                assertThat(((ServerHello) r.response()).version()).isEqualTo(versions.get(i));
                assertThat(r.prelude().orElseThrow().protocol()).isEqualTo("line");
            }
        }
    }

    @Test
    void aRefusalEndsTheTargetWithAPreludeFailureAndNoFurtherConnection(TargetFarm farm) throws Exception {
        FarmTarget target = farm.target("line-refuses");
        List<ProbeStep> steps = IntStream.range(0, 3).mapToObj(i -> new ProbeStep(i, "hello #" + i,
                ScriptedPlan.tls12Hello()).withPrelude(new LinePrelude(false))).toList();
        try (ScanEngine engine = engine()) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, List.of(Scans.loopback(target.port())),
                    e -> new ScriptedPlan(steps, ScriptedPlan.Mode.ONE_BY_ONE));
            ScriptedPlan plan = done.only().plan();
            assertThat(done.stats().connections()).isEqualTo(1);
            assertThat(plan.outcomes).hasSize(3);
            ConnectionOutcome.NoReply first = (ConnectionOutcome.NoReply) plan.outcomes.get(0);
            assertThat(first.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
            assertThat(first.failure().detail()).isEqualTo("STARTTLS answered '454 TLS not available'");
            assertThat(first.prelude()).contains(new LinePrelude.LineFacts("busy",
                    Optional.of("454 TLS not available")));
            for (int i = 1; i < 3; i++) {
                ConnectionOutcome.NoReply unsent = (ConnectionOutcome.NoReply) plan.outcomes.get(i);
                assertThat(unsent.failure().kind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
                assertThat(unsent.failure().detail()).startsWith("not sent:");
            }
        }
    }

    private static ClientHelloSpec hello(ProtocolVersion version) {
        return ScriptedPlan.tls12Hello().toBuilder().clientVersion(version)
                .cipherSuites(List.of(CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").orElseThrow(),
                        CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow()))
                .build();
    }
}
