package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeOutcome;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.engine.handshake.HandshakeTarget;
import io.tlsweep.engine.handshake.TlsProvider;
import io.tlsweep.prelude.LinePrelude;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.ProtocolVersion;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A service's own limits on one address ({@link ServiceLimits}): the connections of endpoints that speak a protocol
 * before TLS share the service's cap and rate, while every connection to the address, whatever its port, still
 * shares the address's cap. Counted by the servers on the other side.
 */
class ServiceLimitsTest {
    private static final String SERVICE = "line";

    /** Connections open at once on the servers that share it, as they see them. */
    private static final class Count {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        void opened() {
            most.accumulateAndGet(open.incrementAndGet(), Math::max);
        }
    }

    /** Holds each connection {@code millis} after its hello, then alerts; every count sees it open until then. */
    private static LoopbackServer.Behaviour held(long millis, Count... counts) {
        return (s, server) -> {
            for (Count c : counts) {
                c.opened();
            }
            try {
                LoopbackServer.readHello(s);
                Thread.sleep(millis);
            } finally {
                for (Count c : counts) {
                    c.open.decrementAndGet();
                }
            }
            server.answering();
            OutputStream out = s.getOutputStream();
            out.write(LoopbackServer.FATAL_HANDSHAKE_FAILURE);
            out.flush();
            LoopbackServer.drainUntilClosed(s);
        };
    }

    /** Says nothing for {@code millis}, then closes; the count sees the connection open until just before. */
    private static LoopbackServer.Behaviour closeAfter(long millis, Count count) {
        return (s, server) -> {
            count.opened();
            try {
                Thread.sleep(millis);
            } finally {
                count.open.decrementAndGet();
            }
        };
    }

    private static Endpoint service(int port) {
        return new Endpoint("127.0.0.1", port, Optional.of(SERVICE));
    }

    @Test
    void aServicesCapHoldsForAllItsPortsWhileTheAddressCapHoldsForEveryPort() throws Exception {
        Count service = new Count();
        Count address = new Count();
        try (LoopbackServer mail = LoopbackServer.start(held(60, service, address));
                LoopbackServer mail2 = LoopbackServer.start(held(60, service, address));
                LoopbackServer direct = LoopbackServer.start(held(60, address));
                ScanEngine engine = new ScanEngine(Scans.quick().perHostConnections(4)
                        .services(Map.of(SERVICE, new ServiceLimits(2, 0, Optional.empty()))).build())) {
            List<Endpoint> targets = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                targets.add(service(mail.port()));
                targets.add(service(mail2.port()));
                targets.add(Scans.loopback(direct.port()));
            }
            Scans.Done<ScriptedPlan> done = Scans.run(engine, targets,
                    e -> new ScriptedPlan(5, ScriptedPlan.Mode.ALL_AT_ONCE));
            assertThat(done.stats().connections()).isEqualTo(45);
            assertThat(mail.accepted.get() + mail2.accepted.get()).isEqualTo(30);
            assertThat(service.most.get()).as("the service's two ports together").isEqualTo(2);
            assertThat(address.most.get()).as("the address, every port").isLessThanOrEqualTo(4);
            assertThat(direct.maxWaiting.get()).isGreaterThan(2).isLessThanOrEqualTo(4);
            assertThat(engine.inFlightAvailable()).as("every permit came back").isEqualTo(1024);
        }
    }

    @Test
    void handshakesThroughTheGateKeepTheServicesCap() throws Exception {
        Count service = new Count();
        try (LoopbackServer mail = LoopbackServer.start(closeAfter(60, service));
                ScanEngine engine = new ScanEngine(Scans.quick().perHostConnections(8)
                        .services(Map.of(SERVICE, new ServiceLimits(2, 0, Optional.empty()))).build())) {
            HandshakeClient client = HandshakeClient.through(engine);
            HandshakeTarget where = HandshakeTarget.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    mail.port())).withPrelude(new LinePrelude(false));
            List<CompletableFuture<HandshakeOutcome>> outcomes = IntStream.range(0, 6).mapToObj(i -> client
                    .handshake(where, HandshakeSpec.of(TlsProvider.JDK, ProtocolVersion.TLSv1_2))
                    .toCompletableFuture()).toList();
            Scans.run(engine, Collections.nCopies(2, service(mail.port())),
                    e -> new ScriptedPlan(4, ScriptedPlan.Mode.ALL_AT_ONCE));
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(outcomes).allMatch(o -> o.join() instanceof HandshakeOutcome.Failed);
            assertThat(mail.accepted.get()).isEqualTo(14);
            assertThat(service.most.get()).isEqualTo(2);
            assertThat(engine.inFlightAvailable()).isEqualTo(1024);
        }
    }

    @Test
    void aServicesRateSpacesItsConnections() throws Exception {
        try (LoopbackServer mail = LoopbackServer.start(LoopbackServer.alert());
                ScanEngine engine = new ScanEngine(Scans.quick()
                        .services(Map.of(SERVICE, new ServiceLimits(0, 20, Optional.empty()))).build())) {
            long start = System.nanoTime();
            Scans.run(engine, Collections.nCopies(2, service(mail.port())),
                    e -> new ScriptedPlan(3, ScriptedPlan.Mode.ALL_AT_ONCE));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(mail.acceptTimes()).hasSize(6);
            // six connections at 20/s cannot all have been opened in less than five gaps of 50 ms
            assertThat(tookMs).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void theAnswersBeforeTlsGetTheServicesTimeoutAndTheTlsAnswerTheReadTimeout() throws Exception {
        try (LoopbackServer silent = LoopbackServer.start(LoopbackServer.silent());
                ScanEngine engine = new ScanEngine(Scans.quick().readTimeout(Duration.ofMillis(300))
                        .services(Map.of(SERVICE, new ServiceLimits(0, 0, Optional.of(Duration.ofMillis(700)))))
                        .build())) {
            ProbeStep step = new ProbeStep(0, "hello after the banner", ScriptedPlan.tls12Hello())
                    .withPrelude(new LinePrelude(false));
            ConnectionOutcome.NoReply inPrelude = (ConnectionOutcome.NoReply) Scans.run(engine,
                    List.of(service(silent.port())), e -> new ScriptedPlan(List.of(step), ScriptedPlan.Mode.ONE_BY_ONE))
                    .only().plan().outcomes.get(0);
            assertThat(inPrelude.failure().kind()).isEqualTo(FailureKind.PRELUDE_TIMEOUT);
            assertThat(inPrelude.failure().detail()).endsWith("within 700 ms");

            ConnectionOutcome.NoReply direct = (ConnectionOutcome.NoReply) Scans.run(engine,
                    List.of(service(silent.port())), e -> new ScriptedPlan(1, ScriptedPlan.Mode.ONE_BY_ONE))
                    .only().plan().outcomes.get(0);
            assertThat(direct.failure().kind()).isEqualTo(FailureKind.READ_TIMEOUT);
            assertThat(direct.failure().detail()).endsWith("within 300 ms");
        }
    }
}
