package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.metrics.OutcomeClass;
import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.AfterTlsStep;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.probe.RealExchange;
import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.result.RealHandshake.RenegotiationOutcome;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Steps held with a real TLS stack, run by the engine under its permits, against servers nobody here wrote
 * (openssl s_server) and the farm's JDK and BoringSSL servers: the handshake's facts, what the tap reads in clear,
 * the after-TLS codec, a client-initiated renegotiation accepted or refused, and the bounds.
 */
@ExtendWith(TargetFarmExtension.class)
class RealStackStepTest {

    private static EngineConfig config() {
        return Scans.quick().readTimeout(Duration.ofSeconds(5)).build();
    }

    private static ClientHelloSpec tls12() {
        return ScriptedPlan.tls12Hello();
    }

    /** Runs one real step against {@code endpoint}: its outcome, and the run's counts. */
    private static Scans.Done<ScriptedPlan> run(EngineConfig config, Endpoint endpoint, ProbeStep step)
            throws Exception {
        try (ScanEngine engine = new ScanEngine(config)) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, List.of(endpoint),
                    e -> new ScriptedPlan(List.of(step), ScriptedPlan.Mode.ONE_BY_ONE));
            assertThat(done.only().plan().protocolErrors).isEmpty();
            assertThat(done.only().plan().outcomes).hasSize(1);
            return done;
        }
    }

    private static ConnectionOutcome outcome(Scans.Done<ScriptedPlan> done) {
        return done.only().plan().outcomes.get(0);
    }

    private static RealHandshake handshook(ConnectionOutcome o) {
        assertThat(o).as(o.toString()).isInstanceOf(ConnectionOutcome.Handshook.class);
        return ((ConnectionOutcome.Handshook) o).handshake();
    }

    private static Endpoint endpoint(FarmTarget t) {
        return new Endpoint(t.address().getAddress().getHostAddress(), t.address().getPort());
    }

    @Test
    void tappedTls12HandshakeWithOpenSslReadsTheSessionIdAndTheTicket() throws Exception {
        OpenSslServer.require();
        try (OpenSslServer server = OpenSslServer.start("-tls1_2")) {
            Scans.Done<ScriptedPlan> done = run(config(), Scans.loopback(server.port()),
                    ProbeStep.real(0, "tapped", tls12(), RealExchange.tapped()));
            RealHandshake h = handshook(outcome(done));
            assertThat(h.provider()).as("the JDK offers a session ticket").isEqualTo("jdk");
            assertThat(h.version()).isEqualTo(ProtocolVersion.TLSv1_2);
            assertThat(tls12().cipherSuites()).contains(h.cipherSuite());
            assertThat(h.resumed()).isFalse();
            RealHandshake.Tap tap = h.tap().orElseThrow();
            assertThat(tap.sessionId()).as("the ServerHello was read").isPresent();
            assertThat(tap.ticket()).as("OpenSSL sends a ticket to a client that offers the extension").isPresent();
            assertThat(tap.ticket().get().lifetimeHintSeconds()).isEqualTo(7200);
            assertThat(tap.ticket().get().length()).isGreaterThan(32);
            assertThat(h.renegotiation()).isEmpty();
            assertThat(done.only().connections()).isEqualTo(1);
            assertThat(done.stats().hellos(OutcomeClass.HANDSHAKE.label())).isEqualTo(1);
        }
    }

    @Test
    void withoutTicketsOpenSslSendsNoTicketAndTheTapSaysSo() throws Exception {
        OpenSslServer.require();
        try (OpenSslServer server = OpenSslServer.start("-tls1_2", "-no_ticket")) {
            RealHandshake h = handshook(outcome(run(config(), Scans.loopback(server.port()),
                    ProbeStep.real(0, "tapped", tls12(), RealExchange.tapped()))));
            assertThat(h.tap().orElseThrow().ticket()).isEmpty();
            assertThat(h.tap().orElseThrow().sessionId().orElseThrow()).hasSize(32);
        }
    }

    @Test
    void openSsl3RefusesAClientRenegotiationByDefault() throws Exception {
        OpenSslServer.require();
        try (OpenSslServer server = OpenSslServer.start("-tls1_2")) {
            RealHandshake h = handshook(outcome(run(config(), Scans.loopback(server.port()),
                    ProbeStep.real(0, "renegotiate", tls12(), RealExchange.renegotiating()))));
            assertThat(h.provider()).isEqualTo("jdk");
            RealHandshake.Renegotiation r = h.renegotiation().orElseThrow();
            assertThat(r.outcome()).as(r.toString()).isEqualTo(RenegotiationOutcome.REFUSED_ALERT);
            assertThat(r.alert().orElseThrow().name()).isEqualTo("no_renegotiation");
        }
    }

    @Test
    void openSslWithClientRenegotiationAcceptsIt() throws Exception {
        OpenSslServer.require();
        try (OpenSslServer server = OpenSslServer.start("-tls1_2", "-client_renegotiation")) {
            RealHandshake h = handshook(outcome(run(config(), Scans.loopback(server.port()),
                    ProbeStep.real(0, "renegotiate", tls12(), RealExchange.renegotiating()))));
            assertThat(h.renegotiation().orElseThrow().outcome()).as(h.renegotiation().toString())
                    .isEqualTo(RenegotiationOutcome.ACCEPTED);
        }
    }

    @Test
    void theJdkServerAcceptsAClientRenegotiation(TargetFarm farm) throws Exception {
        RealHandshake h = handshook(outcome(run(config(), endpoint(farm.target("modern-tls12-13")),
                ProbeStep.real(0, "renegotiate", tls12(), RealExchange.renegotiating()))));
        assertThat(h.version()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(h.renegotiation().orElseThrow().outcome()).as(h.renegotiation().toString())
                .isEqualTo(RenegotiationOutcome.ACCEPTED);
    }

    @Test
    void theBoringSslServerRefusesAClientRenegotiation(TargetFarm farm) throws Exception {
        RealHandshake h = handshook(outcome(run(config(), endpoint(farm.target("mixed-tls10-12")),
                ProbeStep.real(0, "renegotiate", tls12(), RealExchange.renegotiating()))));
        RealHandshake.Renegotiation r = h.renegotiation().orElseThrow();
        assertThat(r.outcome()).as(r.toString()).isNotEqualTo(RenegotiationOutcome.ACCEPTED)
                .isNotEqualTo(RenegotiationOutcome.NOT_ASKED);
    }

    @Test
    void renegotiationIsNotAskedOfTls13(TargetFarm farm) throws Exception {
        ClientHelloSpec tls13 = tls12().toBuilder().supportedVersions(List.of(ProtocolVersion.TLSv1_3))
                .cipherSuites(List.of(io.tlsweep.wire.CipherSuite.of(0x1301), io.tlsweep.wire.CipherSuite.of(0x1302)))
                .build();
        RealHandshake h = handshook(outcome(run(config(), endpoint(farm.target("tls13-only")),
                ProbeStep.real(0, "renegotiate", tls13, RealExchange.renegotiating()))));
        assertThat(h.version()).isEqualTo(ProtocolVersion.TLSv1_3);
        assertThat(h.renegotiation().orElseThrow().outcome()).isEqualTo(RenegotiationOutcome.NOT_ASKED);
    }

    /**
     * TLS 1.0 goes to a stack that may speak it: the JDK when its {@code jdk.tls.disabledAlgorithms} leaves TLSv1
     * enabled, BoringSSL otherwise (current JDKs disable it).
     */
    @Test
    void aVersionTheJdkDisablesGoesToBoringSsl(TargetFarm farm) throws Exception {
        ClientHelloSpec tls10 = tls12().toBuilder().clientVersion(ProtocolVersion.TLSv1_0).cipherSuites(List.of(
                io.tlsweep.wire.CipherSuite.of(0xC013), io.tlsweep.wire.CipherSuite.of(0x002F))).build();
        RealHandshake h = handshook(outcome(run(config(), endpoint(farm.target("legacy-tls10")),
                ProbeStep.real(0, "tls 1.0", tls10, RealExchange.tapped()))));
        assertThat(h.version()).isEqualTo(ProtocolVersion.TLSv1_0);
        boolean jdkSpeaksIt = java.util.Arrays.asList(javax.net.ssl.SSLContext.getDefault()
                .getDefaultSSLParameters().getProtocols()).contains("TLSv1");
        assertThat(h.provider()).isEqualTo(jdkSpeaksIt ? "jdk" : "boringssl");
        assertThat(h.tap().orElseThrow().sessionId()).isPresent();
    }

    @Test
    void theAfterTlsCodecRunsOverTheHandshake() throws Exception {
        OpenSslServer.require();
        try (OpenSslServer server = OpenSslServer.start("-tls1_2", "-www")) {
            RealHandshake h = handshook(outcome(run(config(), Scans.loopback(server.port()),
                    ProbeStep.real(0, "GET /", tls12(), RealExchange.askingAfterTls(StatusLine::new)))));
            assertThat(h.afterTls()).contains(new AuthAfterTls("http", List.of("HTTP/1.0 200 ok")));
        }
    }

    @Test
    void aSilentServerEndsTheStepWithinTheBound(TargetFarm farm) throws Exception {
        EngineConfig quick = Scans.quick().build();
        ConnectionOutcome o = outcome(run(quick, endpoint(farm.target("hostile-silent")),
                ProbeStep.real(0, "silent", tls12(), RealExchange.tapped())));
        assertThat(o).isInstanceOfSatisfying(ConnectionOutcome.NoReply.class, n -> {
            assertThat(n.failure().kind()).as(n.failure().toString()).isEqualTo(FailureKind.READ_TIMEOUT);
            assertThat(n.timings().totalNanos()).isLessThan(Duration.ofSeconds(4).toNanos());
        });
    }

    /** Real steps take the same per-host permits as hellos: the server never sees more at once than the cap. */
    @Test
    void realStepsShareThePerHostCapWithHellos() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.holdThenAlert(60));
                ScanEngine engine = new ScanEngine(Scans.quick().readTimeout(Duration.ofSeconds(5))
                        .perHostConnections(3).build())) {
            List<Endpoint> targets = java.util.Collections.nCopies(4, Scans.loopback(server.port()));
            Scans.Done<ScriptedPlan> done = Scans.run(engine, targets, e -> new ScriptedPlan(List.of(
                    ProbeStep.real(0, "real #0", tls12(), RealExchange.HANDSHAKE),
                    new ProbeStep(1, "hello #1", tls12()),
                    ProbeStep.real(2, "real #2", tls12(), RealExchange.tapped()),
                    new ProbeStep(3, "hello #3", tls12()),
                    ProbeStep.real(4, "real #4", tls12(), RealExchange.renegotiating())),
                    ScriptedPlan.Mode.ALL_AT_ONCE));
            assertThat(server.accepted.get()).isEqualTo(20);
            assertThat(server.maxWaiting.get()).isEqualTo(3);
            assertThat(done.stats().connections()).isEqualTo(20);
            assertThat(done.stats().hellos(OutcomeClass.ALERT.label())).isEqualTo(20);
            done.results().forEach(r -> {
                ConnectionOutcome real = r.plan().outcomes.get(2);
                assertThat(real).isInstanceOfSatisfying(ConnectionOutcome.NoReply.class, n -> {
                    assertThat(n.failure().kind()).as(n.failure().toString()).isEqualTo(FailureKind.ALERT);
                    assertThat(n.failure().alert().orElseThrow().name()).isEqualTo("handshake_failure");
                });
            });
        }
    }

    @Test
    void aStepNoLocalStackCanOfferEndsWithoutAConnection() throws Exception {
        ClientHelloSpec ssl3 = tls12().toBuilder().clientVersion(ProtocolVersion.SSLv3).build();
        Scans.Done<ScriptedPlan> done = run(config(), Scans.loopback(9), ProbeStep.real(0, "sslv3", ssl3,
                RealExchange.HANDSHAKE));
        assertThat(outcome(done)).isInstanceOfSatisfying(ConnectionOutcome.NoReply.class,
                n -> assertThat(n.failure().kind()).isEqualTo(FailureKind.INTERNAL_ERROR));
        assertThat(done.only().connections()).isZero();
    }

    /** Asks "GET /" and learns the status line: an after-TLS codec for a test. */
    private static final class StatusLine implements AfterTlsCodec {
        @Override
        public AfterTlsStep start() {
            return new AfterTlsStep.GoOn(0, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public AfterTlsStep read(byte[] in, int offset, int length) {
            String text = new String(in, offset, length, StandardCharsets.US_ASCII);
            int end = text.indexOf("\r\n");
            return end < 0 ? AfterTlsStep.GoOn.needMore()
                    : new AfterTlsStep.Learned(length, new byte[0], new AuthAfterTls("http",
                            List.of(text.substring(0, end))));
        }

        @Override
        public Optional<AuthAfterTls> factsSoFar() {
            return Optional.empty();
        }
    }
}
