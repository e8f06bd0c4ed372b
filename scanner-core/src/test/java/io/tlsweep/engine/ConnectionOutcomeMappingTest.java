package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a connection can end, against small loopback servers, on epoll and on NIO: each maps to the
 * right outcome, with timings, at the right time.
 */
class ConnectionOutcomeMappingTest {
    private static final long SLACK_MS = 400;

    private static EngineConfig config(boolean nativeTransport) {
        return Scans.quick().nativeTransport(nativeTransport).build();
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void aFatalAlertIsAReply(boolean nativeTransport) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert())) {
            ConnectionOutcome o = Scans.oneHello(config(nativeTransport), server.port());
            assertThat(o).isInstanceOf(ConnectionOutcome.Replied.class);
            ServerResponse.Alert alert = (ServerResponse.Alert) ((ConnectionOutcome.Replied) o).response();
            assertThat(alert.isFatal()).isTrue();
            assertThat(alert.description().code()).isEqualTo(AlertDescription.of(40).code());
            assertThat(o.timings().connectNanos()).isPositive();
            assertThat(o.timings().firstByteNanos()).isGreaterThanOrEqualTo(o.timings().connectNanos());
            assertThat(o.timings().totalNanos()).isGreaterThanOrEqualTo(o.timings().firstByteNanos());
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void aSilentServerEndsAtTheReadDeadline(boolean nativeTransport) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.silent())) {
            long start = System.nanoTime();
            ConnectionOutcome o = Scans.oneHello(config(nativeTransport), server.port());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertFailure(o, FailureKind.READ_TIMEOUT, "no reply within 1000 ms");
            assertThat(o.timings().totalNanos() / 1_000_000).isBetween(1000L, 1000L + SLACK_MS);
            assertThat(tookMs).isLessThan(1000 + 2 * SLACK_MS);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void aResetBeforeAnyByteIsResetBeforeReply(boolean nativeTransport) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.reset())) {
            assertFailure(Scans.oneHello(config(nativeTransport), server.port()), FailureKind.RESET_BEFORE_REPLY,
                    "connection reset by 127.0.0.1:" + server.port());
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void aCloseBeforeAnyByteIsClosedBeforeReply(boolean nativeTransport) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.closeAfterHello())) {
            assertFailure(Scans.oneHello(config(nativeTransport), server.port()),
                    FailureKind.CLOSED_BEFORE_REPLY, "connection closed by 127.0.0.1:" + server.port());
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void aDrippingServerIsCutAtTheReadDeadlineAsATimeout(boolean nativeTransport) throws Exception {
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.drip(200))) {
            ConnectionOutcome o = Scans.oneHello(config(nativeTransport), server.port());
            assertFailure(o, FailureKind.READ_TIMEOUT, "answer incomplete after 1000 ms");
            assertThat(o.timings().totalNanos() / 1_000_000).isBetween(1000L, 1000L + SLACK_MS);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void aClosedPortIsConnectRefused(boolean nativeTransport) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectionOutcome o = Scans.oneHello(config(nativeTransport), port);
        assertFailure(o, FailureKind.CONNECT_REFUSED, "connection refused by 127.0.0.1:" + port);
        assertThat(o.timings().connectNanos()).isEqualTo(-1);
    }

    @Test
    void aFullAcceptQueueIsConnectTimeout() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> filler = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket c = new Socket();
                    try {
                        c.connect(s.getLocalSocketAddress(), 200);
                        filler.add(c);
                    } catch (java.io.IOException full) {
                        c.close();
                        break;
                    }
                }
                Assumptions.assumeTrue(filler.size() < 4,
                        "this kernel accepts connects beyond the listen backlog: cannot provoke a connect timeout");
                EngineConfig cfg = Scans.quick().connectTimeout(Duration.ofMillis(300)).build();
                ConnectionOutcome o = Scans.oneHello(cfg, s.getLocalPort());
                assertFailure(o, FailureKind.CONNECT_TIMEOUT, "within 300 ms");
            } finally {
                for (Socket c : filler) {
                    c.close();
                }
            }
        }
    }

    @Test
    void openSslAnswersATls12HelloWithAServerHello() throws Exception {
        OpenSslServer.require();
        try (OpenSslServer server = OpenSslServer.start("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")) {
            ConnectionOutcome o = Scans.oneHello(Scans.quick().readTimeout(Duration.ofSeconds(3)).build(),
                    server.port());
            assertThat(o).isInstanceOf(ConnectionOutcome.Replied.class);
            ServerHello hello = (ServerHello) ((ConnectionOutcome.Replied) o).response();
            assertThat(hello.version()).isEqualTo(ProtocolVersion.TLSv1_2);
            assertThat(hello.cipherSuite().code()).isEqualTo(0xC02F);
        }
    }

    private static void assertFailure(ConnectionOutcome o, FailureKind kind, String detailPart) {
        assertThat(o).isInstanceOf(ConnectionOutcome.NoReply.class);
        ConnectionOutcome.NoReply n = (ConnectionOutcome.NoReply) o;
        assertThat(n.failure().kind()).isEqualTo(kind);
        assertThat(n.failure().detail()).contains(detailPart);
    }
}
