package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeOutcome;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.engine.handshake.HandshakeTarget;
import io.tlsweep.engine.handshake.TlsProvider;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.ProtocolVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Full handshakes made through an engine ({@link HandshakeClient#through}) wait at the engine's gate: they share
 * its per-host cap, its global cap and its per-host rate with the engine's own connections, and its scope.
 */
class ConnectionGateTest {
    private static final HandshakeSpec JDK_TLS12 = HandshakeSpec.of(TlsProvider.JDK, ProtocolVersion.TLSv1_2);

    private static List<CompletableFuture<HandshakeOutcome>> handshakes(ScanEngine engine, int port, int n) {
        HandshakeClient client = HandshakeClient.through(engine);
        HandshakeTarget where = HandshakeTarget.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return IntStream.range(0, n).mapToObj(i -> client.handshake(where, JDK_TLS12).toCompletableFuture()).toList();
    }

    private static void allRefusedByAlert(List<CompletableFuture<HandshakeOutcome>> outcomes) throws Exception {
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (CompletableFuture<HandshakeOutcome> o : outcomes) {
            assertThat(((HandshakeOutcome.Failed) o.join()).failure().kind()).isEqualTo(FailureKind.ALERT);
        }
    }

    @Test
    void handshakesAndTheEnginesHellosShareThePerHostCap() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.holdThenAlert(60));
                ScanEngine engine = new ScanEngine(Scans.quick().perHostConnections(3).build())) {
            List<CompletableFuture<HandshakeOutcome>> outcomes = handshakes(engine, server.port(), 10);
            Scans.run(engine, Collections.nCopies(4, Scans.loopback(server.port())),
                    e -> new ScriptedPlan(5, ScriptedPlan.Mode.ALL_AT_ONCE));
            allRefusedByAlert(outcomes);
            assertThat(server.accepted.get()).isEqualTo(30);
            assertThat(server.maxWaiting.get()).isEqualTo(3);
            assertThat(engine.inFlightAvailable()).as("every permit came back").isEqualTo(1024);
        }
    }

    @Test
    void handshakesAndTheEnginesHellosShareTheGlobalCap() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.holdThenAlert(60));
                ScanEngine engine = new ScanEngine(Scans.quick().maxInFlight(2).perHostConnections(100).build())) {
            List<CompletableFuture<HandshakeOutcome>> outcomes = handshakes(engine, server.port(), 6);
            Scans.run(engine, Collections.nCopies(3, Scans.loopback(server.port())),
                    e -> new ScriptedPlan(2, ScriptedPlan.Mode.ALL_AT_ONCE));
            allRefusedByAlert(outcomes);
            assertThat(server.accepted.get()).isEqualTo(12);
            assertThat(server.maxWaiting.get()).isEqualTo(2);
            assertThat(engine.inFlightAvailable()).isEqualTo(2);
        }
    }

    @Test
    void handshakesKeepThePerHostRate() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert());
                ScanEngine engine = new ScanEngine(Scans.quick().perHostRate(20).build())) {
            long start = System.nanoTime();
            allRefusedByAlert(handshakes(engine, server.port(), 6));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(server.acceptTimes()).hasSize(6);
            // six connections at 20/s cannot all have been opened in less than five gaps of 50 ms
            assertThat(tookMs).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void anAddressOutOfScopeIsRefusedWithoutAConnection() throws Exception {
        try (ScanEngine engine = new ScanEngine(Scans.quick().build())) {
            HandshakeTarget multicast = HandshakeTarget.of(new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, 1}), 443));
            HandshakeOutcome o = HandshakeClient.through(engine).handshake(multicast, JDK_TLS12).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertThat(((HandshakeOutcome.Failed) o).failure().kind()).isEqualTo(FailureKind.EXCLUDED);
            assertThat(((HandshakeOutcome.Failed) o).failure().detail())
                    .startsWith("224.0.0.1:443: a multicast address");
        }
    }
}
