package io.tlsweep.bench.latency;

import io.tlsweep.targets.DelayRelay;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Puts a {@link DelayRelay} (a stated delay each way, on 127.0.0.1) in front of each given loopback endpoint, prints
 * one line per relay, {@code RELAY 127.0.0.1:PORT BACKEND}, then {@code READY}, and waits until the process is
 * stopped (SIGTERM closes the relays through a shutdown hook). Used by {@code benchmarks/scripts/latency.sh}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tlsweep.bench.latency.DelayRelayMain --delay-ms 20 127.0.1.1:8443
 * </pre>
 * Exit code 2 for bad arguments.
 */
public final class DelayRelayMain {
    private DelayRelayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RelayArgs.Parsed parsed = RelayArgs.parse(List.of(args));
        if (parsed instanceof RelayArgs.Usage usage) {
            (usage.asked() ? System.out : System.err).println(usage.message());
            System.exit(usage.asked() ? 0 : 2);
        }
        RelayArgs relayArgs = ((RelayArgs.Run) parsed).args();
        Duration oneWay = Duration.ofMillis(relayArgs.oneWayMillis());
        List<DelayRelay> relays = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (relays) {
                relays.forEach(DelayRelay::close);
            }
            stopped.countDown();
        }, "delay-relay-shutdown"));
        for (InetSocketAddress backend : relayArgs.backends()) {
            DelayRelay relay = DelayRelay.start(backend, oneWay);
            synchronized (relays) {
                relays.add(relay);
            }
            System.out.printf("RELAY 127.0.0.1:%d %s:%d%n", relay.address().getPort(),
                    backend.getAddress().getHostAddress(), backend.getPort());
        }
        System.out.printf("READY %d ms each way%n", relayArgs.oneWayMillis());
        System.out.flush();
        stopped.await();
    }
}
